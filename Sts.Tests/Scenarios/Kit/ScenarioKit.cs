using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Host;
using Sts.Core.Units;
using Sts.Dmpd.Tools;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Scenarios.Kit;

/// <summary>
/// What the scenario tests share: a deadline for a test's kernel calls, test data, the bound of
/// an event-driven status wait, the errno of a failed I/O, the pools' geometry, the installed
/// persistent-data tools, and notes in the test's output. Use it as
/// <c>using static Sts.Tests.Scenarios.Kit.ScenarioKit;</c>.
/// <para>It lives with the tests, not in Sts.Fixtures: it asserts with FluentAssertions, which
/// the fixture library does not impose on its users. What is generally useful went into the
/// libraries: <see cref="Sts.Dm.Devices.DmDevice.WaitForStatusAsync{T}"/> (event-driven waits),
/// <see cref="BlockDevice.WriteAsync"/> (a write checked by fsync) and
/// <see cref="BlockDevice.WriteDirectAsync"/> (O_DIRECT), scoped lifetimes in the stacks.</para>
/// </summary>
internal static class ScenarioKit
{
    /// <summary>How long an event-driven status wait may take: generous, the lab VM runs under software emulation.</summary>
    public static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The pools' data block: 128 sectors, the kernel's smallest.</summary>
    public static readonly Size Block = Size.FromKiB(64);

    private static readonly Lazy<Task<DmpdToolSet>> ToolSet = new(() => DmpdToolSet.DetectAsync());

    /// <summary>A small pool: 32 MiB of data (512 blocks), 4 MiB of metadata.</summary>
    public static ThinPoolOptions SmallPool => new() { DataSize = Size.FromMiB(32), MetadataSize = Size.FromMiB(4) };

    /// <summary>A token that ends a test's kernel calls and waits, so a broken kernel fails the test rather than hanging it.</summary>
    /// <param name="seconds">The bound; generous, the lab VM runs under software emulation.</param>
    /// <returns>The source; dispose it.</returns>
    public static CancellationTokenSource Deadline(int seconds = 90) => new(TimeSpan.FromSeconds(seconds));

    /// <summary>Random bytes: data no bug reproduces by accident (zeros would pass for "never written").</summary>
    /// <param name="length">How many.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Pattern(Size length) => RandomNumberGenerator.GetBytes(checked((int)length.Bytes));

    /// <summary>Random bytes (see <see cref="Pattern(Size)"/>).</summary>
    /// <param name="bytes">How many.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Pattern(int bytes) => Pattern(Size.FromBytes(bytes));

    /// <summary>Whole data blocks (<see cref="Block"/>) in a size.</summary>
    /// <param name="size">The size.</param>
    /// <returns>The count.</returns>
    public static ulong Blocks(Size size) => checked((ulong)(size.Bytes / Block.Bytes));

    /// <summary>Asserts that an I/O fails with EIO (BlockDevice wraps the IOException whose HResult is the errno on Linux).</summary>
    /// <param name="io">The read or write, e.g. a <see cref="BlockDevice.WriteAsync"/>, whose fsync reports a lost write.</param>
    /// <param name="because">Why EIO is expected.</param>
    /// <returns>A task that completes after the assertion.</returns>
    public static async Task ShouldFailWithEioAsync(Func<Task> io, string because)
    {
        var failure = await io.Should().ThrowAsync<DeviceException>(because);
        ((Errno)failure.WithInnerException<IOException>().Which.HResult).Should().Be(Errno.EIO, because);
    }

    /// <summary>Zeroes the start of a device (a superblock, or all of it), checked by fsync, and drops the node's page cache so later reads see the zeros.</summary>
    /// <param name="device">The device, e.g. a metadata loop device the test damages on purpose.</param>
    /// <param name="length">How much from the start; the whole device by default.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the zeros are on the device.</returns>
    public static async Task ZeroAsync(BlockDevice device, Size? length = null, CancellationToken cancellationToken = default)
    {
        await device.WriteAsync(Size.Zero, new byte[checked((int)(length ?? device.Size).Bytes)], cancellationToken);
        device.FlushBuffers();
    }

    /// <summary>The selected persistent-data tools (STS_DMPD_TOOLS, else PATH), detected once.</summary>
    /// <returns>The tool set.</returns>
    public static Task<DmpdToolSet> DmpdAsync() => ToolSet.Value;

    /// <summary>Writes a line to the test's output (kept in the trx), e.g. a status the kernel reported.</summary>
    /// <param name="text">The line.</param>
    public static void Note(string text) => TestContext.Out.WriteLine(text);

    /// <summary>Says which kernel ran the test.</summary>
    public static void RecordKernel() => Note($"kernel under test: {HostInfo.KernelRelease}");
}
