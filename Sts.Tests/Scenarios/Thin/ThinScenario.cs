using System.Security.Cryptography;
using NUnit.Framework;
using Sts.Core.Host;
using Sts.Core.Units;
using Sts.Dm.Status;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Scenarios.Thin;

/// <summary>What the thin-provisioning scenarios share: sizes, patterns, bounded waits, errno of a failed I/O.</summary>
internal static class ThinScenario
{
    /// <summary>The pools' data block: 128 sectors, the kernel's smallest.</summary>
    public static readonly Size Block = Size.FromKiB(64);

    /// <summary>A small pool: 32 MiB of data (512 blocks), 4 MiB of metadata.</summary>
    public static ThinPoolOptions SmallPool => new() { DataSize = Size.FromMiB(32), MetadataSize = Size.FromMiB(4) };

    /// <summary>A bound for a whole test's waits, so a broken kernel fails the test instead of hanging it.</summary>
    public static CancellationTokenSource Deadline(int seconds = 90) => new(TimeSpan.FromSeconds(seconds));

    /// <summary>Random bytes: a pattern that cannot be there by accident.</summary>
    public static byte[] Pattern(Size length) => RandomNumberGenerator.GetBytes(checked((int)length.Bytes));

    /// <summary>Whole data blocks in a size.</summary>
    public static ulong Blocks(Size size) => checked((ulong)(size.Bytes / Block.Bytes));

    /// <summary>Writes a line to the test's output (kept in the trx), e.g. a status the kernel reported.</summary>
    public static void Note(string text) => TestContext.Out.WriteLine(text);

    /// <summary>Says which kernel ran the test.</summary>
    public static void RecordKernel() => Note($"kernel under test: {HostInfo.KernelRelease}");

    /// <summary>
    /// Waits, event-driven, until the pool reports <paramref name="mode"/>: reads the status,
    /// and when it is not there yet waits for the pool's event counter to move past the last
    /// number seen (a mode change raises a table event), then looks again.
    /// </summary>
    public static async Task<ThinPoolStatus> WaitForModeAsync(ThinPool pool, ThinPoolMode mode, uint afterEvent, CancellationToken cancellationToken)
    {
        var seen = afterEvent;
        while (true)
        {
            var status = await pool.StatusAsync(noFlush: true, cancellationToken);
            if (status.Mode == mode)
            {
                return status;
            }

            seen = (await pool.Device.WaitForEventAsync(seen, cancellationToken)).EventNumber;
        }
    }
}
