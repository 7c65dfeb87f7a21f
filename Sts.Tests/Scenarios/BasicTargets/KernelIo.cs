using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FluentAssertions;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Scenarios.BasicTargets;

/// <summary>What the scenario tests share: bounded waits, test data, and the errno of a failed I/O.</summary>
internal static partial class KernelIo
{
    /// <summary>EIO: what the kernel answers for I/O a target fails.</summary>
    public const int Eio = 5;

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
        failure.WithInnerException<IOException>().Which.HResult.Should().Be(Eio, because);
    }

    /// <summary>
    /// Writes and fsyncs, and reports a failed fsync. BlockDevice.WriteAsync cannot be used where
    /// a write must fail: it flushes with RandomAccess.FlushToDisk, and on this .NET the
    /// System.Native fsync shim returns 1 instead of -1 on failure, so the EIO the kernel
    /// reports (seen in dmesg as "lost async page write") is dropped. This calls fsync itself.
    /// </summary>
    /// <param name="device">The device.</param>
    /// <param name="offset">Where.</param>
    /// <param name="data">What.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the data is on the device.</returns>
    /// <exception cref="DeviceException">The write or the fsync failed; the inner IOException's HResult is the errno.</exception>
    public static async Task WriteAndSyncAsync(DmDevice device, Size offset, byte[] data, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(device.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            await RandomAccess.WriteAsync(handle, data, offset.Bytes, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new DeviceException(device.Path, $"Writing {data.Length} bytes at {offset.Bytes} of {device.Path} failed: {ex.Message}", ex);
        }

        if (FSync(handle) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new DeviceException(device.Path, $"fsync of {device.Path} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).",
                new IOException(Marshal.GetPInvokeErrorMessage(errno), errno));
        }
    }

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(SafeHandle fd);
}
