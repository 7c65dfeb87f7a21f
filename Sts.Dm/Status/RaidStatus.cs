using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>
/// raid's status: "type #devices health synced/total sync_action mismatches data_offset journal"
/// (Documentation/admin-guide/device-mapper/dm-raid.rst). Health letters: A alive and in sync,
/// a alive not in sync, D dead, - no device.
/// </summary>
/// <param name="RaidType">The personality.</param>
/// <param name="Health">One letter per member.</param>
/// <param name="SyncedSectors">Sectors in sync (or checked).</param>
/// <param name="TotalSectors">The array size.</param>
/// <param name="SyncAction">idle, frozen, resync, recover, check, repair, reshape.</param>
/// <param name="MismatchCount">Mismatches found by check/repair.</param>
/// <param name="DataOffset">The data offset on each member.</param>
/// <param name="JournalState">The journal letter (A, D) or "-" without a journal.</param>
public sealed record RaidStatus(string RaidType, string Health, Sectors SyncedSectors, Sectors TotalSectors, string SyncAction, ulong MismatchCount,
    Sectors DataOffset, string JournalState) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "raid";

    /// <summary>True when no member is dead or out of sync and the array is idle and fully synced.</summary>
    public bool IsHealthyAndInSync => Health.All(c => c == 'A') && SyncAction == "idle" && SyncedSectors == TotalSectors;

    /// <summary>The status as dm-raid writes it.</summary>
    public override string Format() =>
        Words.Join(RaidType, Health.Length, Health, $"{SyncedSectors}/{TotalSectors}", SyncAction, MismatchCount, DataOffset, JournalState);

    internal static RaidStatus Read(ArgumentReader r)
    {
        var type = r.Next("raid type");
        var count = r.NextUInt32("number of devices");
        var health = r.Next("health");
        if (health.Length != count || health.Any(c => c is not ('A' or 'a' or 'D' or '-')))
        {
            throw r.Error($"health '{health}' is not one of A, a, D, - per device");
        }

        var (synced, total) = r.NextSectorRatio("sync ratio");
        return new RaidStatus(type, health, synced, total, r.Next("sync action"),
            r.NextUInt64("mismatch count"), r.NextSectors("data offset"), r.Next("journal state"));
    }
}
