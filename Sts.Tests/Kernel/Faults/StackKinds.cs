using System.Security.Cryptography;
using Sts.Core.Units;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Faults;

/// <summary>The five stack kinds of the fault campaign, each built small (sparse loop devices of a few MiB) and written once.</summary>
internal static class StackKinds
{
    public static readonly string[] Names = ["linear", "thin", "cache", "era", "snapshot"];

    /// <summary>Builds the kind on the stack as a test would: every set-up step of the fixture, then one write.</summary>
    public static Task BuildAsync(string kind, DeviceStack stack, CancellationToken cancellationToken = default) => kind switch
    {
        "linear" => LinearAsync(stack, cancellationToken),
        "thin" => ThinAsync(stack, cancellationToken),
        "cache" => CacheAsync(stack, cancellationToken),
        "era" => EraAsync(stack, cancellationToken),
        "snapshot" => SnapshotAsync(stack, cancellationToken),
        _ => throw new ArgumentException($"no stack kind {kind}", nameof(kind)),
    };

    private static ReadOnlyMemory<byte> Data => RandomNumberGenerator.GetBytes(64 * 1024);

    private static async Task LinearAsync(DeviceStack stack, CancellationToken cancellationToken)
    {
        var loop = await stack.LoopAsync(Size.FromMiB(8), cancellationToken: cancellationToken);
        var linear = await stack.LinearAsync(stack.Admit(loop), cancellationToken: cancellationToken);
        await linear.WriteAsync(Size.Zero, Data, cancellationToken);
    }

    private static async Task ThinAsync(DeviceStack stack, CancellationToken cancellationToken)
    {
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) }, cancellationToken);
        var thin = await pool.CreateThinAsync(Size.FromMiB(16), cancellationToken);
        await thin.WriteAsync(Size.Zero, Data, cancellationToken);
        var snapshot = await pool.CreateSnapshotAsync(thin, cancellationToken: cancellationToken);
        await snapshot.WriteAsync(Size.Zero, Data, cancellationToken);
    }

    private static async Task CacheAsync(DeviceStack stack, CancellationToken cancellationToken)
    {
        var cache = await stack.CacheAsync(new CacheOptions
        {
            OriginSize = Size.FromMiB(16), CacheSize = Size.FromMiB(4), MetadataSize = Size.FromMiB(4),
        }, cancellationToken);
        await cache.Device.WriteAsync(Size.Zero, Data, cancellationToken);
    }

    private static async Task EraAsync(DeviceStack stack, CancellationToken cancellationToken)
    {
        var era = await stack.EraAsync(new EraOptions { OriginSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) }, cancellationToken);
        await era.Device.WriteAsync(Size.Zero, Data, cancellationToken);
    }

    private static async Task SnapshotAsync(DeviceStack stack, CancellationToken cancellationToken)
    {
        var snapshots = await stack.SnapshotAsync(new SnapshotOptions { OriginSize = Size.FromMiB(8), CowSize = Size.FromMiB(4) }, cancellationToken);
        await snapshots.Origin.WriteAsync(Size.Zero, Data, cancellationToken);
    }
}
