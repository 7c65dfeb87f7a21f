using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// What snapshot and snapshot-merge share: "origin cow P|PO|N chunk_size [#features features]"
/// (Documentation/admin-guide/device-mapper/snapshot.rst).
/// </summary>
public abstract record SnapshotTargetBase : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="origin">The origin's underlying device (not the snapshot-origin device).</param>
    /// <param name="cow">The exception store device.</param>
    /// <param name="persistence">How the store is kept.</param>
    /// <param name="chunkSize">The copy granularity: a power of two sectors.</param>
    /// <param name="features">Discard features.</param>
    /// <exception cref="DmValidationException">A device is missing; the chunk size is not a power of two or above <see cref="MaxChunkSize"/>; discard_passdown_origin without discard_zeroes_cow.</exception>
    protected SnapshotTargetBase(DeviceReference origin, DeviceReference cow, SnapshotPersistence persistence, Sectors chunkSize,
        SnapshotFeatures features)
    {
        Origin = Require.NotNull(origin, "origin");
        Cow = Require.NotNull(cow, "COW device");
        Require.That(Enum.IsDefined(persistence), "persistence", $"Unknown snapshot persistence {persistence}.");
        Persistence = persistence;
        ChunkSize = Require.PowerOfTwo(chunkSize, "chunk size");
        Require.That(chunkSize <= MaxChunkSize, "chunk size",
            $"The chunk size must be at most {MaxChunkSize} (the kernel refuses more than INT_MAX >> SECTOR_SHIFT sectors: \"Chunk size is too high\"), not {chunkSize}.");
        Require.That((features & ~(SnapshotFeatures.DiscardZeroesCow | SnapshotFeatures.DiscardPassdownOrigin)) == 0, "features", $"Unknown snapshot features {features}.");
        Require.That(!features.HasFlag(SnapshotFeatures.DiscardPassdownOrigin) || features.HasFlag(SnapshotFeatures.DiscardZeroesCow),
            "features", "discard_passdown_origin needs discard_zeroes_cow.");
        Features = features;
    }

    /// <summary>
    /// The largest chunk size the kernel accepts: dm_exception_store_set_chunk_size
    /// (drivers/md/dm-exception-store.c) refuses more than INT_MAX &gt;&gt; SECTOR_SHIFT sectors, so the
    /// largest power of two is 2^21 sectors (1 GiB).
    /// </summary>
    public static readonly Sectors MaxChunkSize = Sectors.FromCount(1L << 21);

    /// <summary>The origin's underlying device.</summary>
    public DeviceReference Origin { get; }

    /// <summary>The exception store device.</summary>
    public DeviceReference Cow { get; }

    /// <summary>How the store is kept.</summary>
    public SnapshotPersistence Persistence { get; }

    /// <summary>The copy granularity.</summary>
    public Sectors ChunkSize { get; }

    /// <summary>Discard features.</summary>
    public SnapshotFeatures Features { get; }

    /// <summary>"origin cow P|PO|N chunk [#features features]", as dm-snap prints it.</summary>
    public override string FormatArguments()
    {
        var persistence = Persistence switch
        {
            SnapshotPersistence.Persistent => "P",
            SnapshotPersistence.PersistentOverflow => "PO",
            _ => "N",
        };
        var features = Features == SnapshotFeatures.None
            ? null
            : Features.HasFlag(SnapshotFeatures.DiscardPassdownOrigin) ? "2 discard_zeroes_cow discard_passdown_origin" : "1 discard_zeroes_cow";
        return Words.Join(Origin, Cow, persistence, ChunkSize, features);
    }

    internal static (DeviceReference Origin, DeviceReference Cow, SnapshotPersistence Persistence, Sectors Chunk, SnapshotFeatures Features) Read(ArgumentReader r)
    {
        var origin = r.NextDevice("origin");
        var cow = r.NextDevice("COW device");
        var persistence = r.Next("persistence").ToUpperInvariant() switch
        {
            "P" => SnapshotPersistence.Persistent,
            "PO" => SnapshotPersistence.PersistentOverflow,
            "N" => SnapshotPersistence.Transient,
            var other => throw r.Error($"persistence '{other}' is not P, PO or N"),
        };
        var chunk = r.NextSectors("chunk size");
        var features = SnapshotFeatures.None;
        if (!r.AtEnd)
        {
            foreach (var word in r.NextCounted("features"))
            {
                features |= word switch
                {
                    "discard_zeroes_cow" => SnapshotFeatures.DiscardZeroesCow,
                    "discard_passdown_origin" => SnapshotFeatures.DiscardPassdownOrigin,
                    _ => throw r.Error($"unknown snapshot feature '{word}'"),
                };
            }
        }

        return (origin, cow, persistence, chunk, features);
    }
}
