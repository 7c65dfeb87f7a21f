using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>
/// snapshot and snapshot-merge status: "allocated/total metadata", or Invalid, Overflow, Merge failed, Unknown
/// (Documentation/admin-guide/device-mapper/snapshot.rst). A merge is complete when allocated equals metadata.
/// </summary>
/// <param name="TargetType">snapshot or snapshot-merge.</param>
/// <param name="State">The state.</param>
/// <param name="AllocatedSectors">COW sectors in use (data and metadata), when active.</param>
/// <param name="TotalSectors">The COW device's size, when active.</param>
/// <param name="MetadataSectors">COW sectors holding metadata, when active.</param>
public sealed record SnapshotStatus(string TargetType, SnapshotState State, Sectors? AllocatedSectors = null, Sectors? TotalSectors = null,
    Sectors? MetadataSectors = null) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType { get; } = TargetType;

    /// <summary>The status as dm-snap writes it.</summary>
    public override string Format() => State switch
    {
        SnapshotState.Active => $"{AllocatedSectors}/{TotalSectors} {MetadataSectors}",
        SnapshotState.Invalid => "Invalid",
        SnapshotState.Overflow => "Overflow",
        SnapshotState.MergeFailed => "Merge failed",
        _ => "Unknown",
    };

    internal static SnapshotStatus Read(ArgumentReader r)
    {
        switch (r.Peek())
        {
            case "Invalid":
                r.Next("state");
                return new SnapshotStatus(r.TargetType, SnapshotState.Invalid);
            case "Overflow":
                r.Next("state");
                return new SnapshotStatus(r.TargetType, SnapshotState.Overflow);
            case "Unknown":
                r.Next("state");
                return new SnapshotStatus(r.TargetType, SnapshotState.Unknown);
            case "Merge":
                r.Next("state");
                r.Expect("failed");
                return new SnapshotStatus(r.TargetType, SnapshotState.MergeFailed);
        }

        var (allocated, total) = r.NextSectorRatio("allocated/total sectors");
        var metadata = r.NextSectors("metadata sectors");
        return new SnapshotStatus(r.TargetType, SnapshotState.Active, allocated, total, metadata);
    }
}
