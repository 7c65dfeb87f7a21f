using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>snapshot-merge: takes the origin's place and merges a snapshot's COW back into it (Documentation/admin-guide/device-mapper/snapshot.rst).</summary>
public sealed record SnapshotMergeTarget : SnapshotTargetBase
{
    /// <summary>Creates the target.</summary>
    /// <param name="origin">The origin's underlying device.</param>
    /// <param name="cow">The exception store device.</param>
    /// <param name="persistence">How the store is kept.</param>
    /// <param name="chunkSize">The copy granularity: a power of two sectors.</param>
    /// <param name="features">Discard features.</param>
    /// <exception cref="DmValidationException">A device is missing; the chunk size is not a power of two; discard_passdown_origin without discard_zeroes_cow.</exception>
    public SnapshotMergeTarget(DeviceReference origin, DeviceReference cow, SnapshotPersistence persistence, Sectors chunkSize,
        SnapshotFeatures features = SnapshotFeatures.None)
        : base(origin, cow, persistence, chunkSize, features)
    {
    }

    /// <inheritdoc />
    public override string TargetType => "snapshot-merge";

    /// <summary>Parses "origin cow P|PO|N chunk [#features features]".</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static SnapshotMergeTarget Parse(string arguments) =>
        ArgumentReader.Run("snapshot-merge", arguments, r =>
        {
            var (origin, cow, persistence, chunk, features) = Read(r);
            return new SnapshotMergeTarget(origin, cow, persistence, chunk, features);
        });
}
