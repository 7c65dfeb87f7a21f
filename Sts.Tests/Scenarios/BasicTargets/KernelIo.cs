using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FluentAssertions;
using Sts.Dm.Devices;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Scenarios.BasicTargets;

/// <summary>What the scenario tests share: bounded waits, test data, and the errno of a failed I/O.</summary>
internal static partial class KernelIo
{
    /// <summary>A token that ends a test's kernel calls and waits, so a broken kernel fails the test rather than hanging it.</summary>
    /// <param name="seconds">The bound; generous, the lab VM runs under software emulation.</param>
    /// <returns>The source; dispose it.</returns>
    public static CancellationTokenSource Bound(int seconds = 90) => new(TimeSpan.FromSeconds(seconds));

    /// <summary>Random bytes: data no bug reproduces by accident (zeros would pass for "never written").</summary>
    /// <param name="length">How many.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Pattern(int length) => RandomNumberGenerator.GetBytes(length);

    /// <summary>Asserts that an I/O fails with EIO (BlockDevice wraps the IOException whose HResult is the errno on Linux).</summary>
    /// <param name="io">The read or write.</param>
    /// <param name="because">Why EIO is expected.</param>
    /// <returns>A task that completes after the assertion.</returns>
    public static async Task ShouldFailWithEioAsync(Func<Task> io, string because)
    {
        var failure = await io.Should().ThrowAsync<DeviceException>(because);
        ((Errno)failure.WithInnerException<IOException>().Which.HResult).Should().Be(Errno.EIO, because);
    }

    /// <summary>Writes and fsyncs through <see cref="DmDevice.WriteAsync"/>, which reports a failed fsync (EIO of a lost write).</summary>
    /// <param name="device">The device.</param>
    /// <param name="offset">Where.</param>
    /// <param name="data">What.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the data is on the device.</returns>
    /// <exception cref="DeviceException">The write or the fsync failed; the inner IOException's HResult is the errno.</exception>
    public static Task WriteAndSyncAsync(DmDevice device, Size offset, byte[] data, CancellationToken cancellationToken) =>
        device.WriteAsync(offset, data, cancellationToken);
}
