using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>
/// dm-mirror's status (dm-raid1.c mirror_status): "#mirrors devices… in-sync/total 1 health
/// #log-args log-args…", one health letter per mirror: A alive, F flush failed, D write failed,
/// S sync failed, R read failed, U unclassified.
/// </summary>
/// <param name="Devices">The mirror legs.</param>
/// <param name="InSyncRegions">Regions in sync.</param>
/// <param name="TotalRegions">All regions.</param>
/// <param name="Health">One letter per leg.</param>
/// <param name="LogStatus">The dirty log's status words (e.g. "core", or "disk 7:38 A").</param>
public sealed record MirrorStatus(ValueList<DeviceReference> Devices, ulong InSyncRegions, ulong TotalRegions, string Health,
    ValueList<string> LogStatus) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "mirror";

    /// <summary>True when every region is in sync.</summary>
    public bool InSync => InSyncRegions == TotalRegions;

    /// <summary>True when every leg is alive.</summary>
    public bool AllAlive => Health.All(c => c == 'A');

    /// <summary>The status as dm-mirror writes it.</summary>
    public override string Format() =>
        Words.Join(Devices.Count, string.Join(' ', Devices), $"{InSyncRegions}/{TotalRegions}", 1, Health, LogStatus.Count,
            LogStatus.Count == 0 ? null : string.Join(' ', LogStatus));

    internal static MirrorStatus Read(ArgumentReader r)
    {
        var count = r.NextCount("number of mirrors");
        var devices = new List<DeviceReference>();
        for (var i = 0; i < count; i++)
        {
            devices.Add(r.NextDevice("mirror device"));
        }

        var (inSync, total) = r.NextRatio("in-sync/total regions");
        r.Expect("1");
        var health = r.Next("health");
        if (health.Length != count || health.Any(c => c is not ('A' or 'F' or 'D' or 'S' or 'R' or 'U')))
        {
            throw r.Error($"health '{health}' is not one of A, F, D, S, R, U per mirror");
        }

        var log = r.NextCounted("log status argument count");
        r.End();
        return new MirrorStatus(new ValueList<DeviceReference>(devices), inSync, total, health, log);
    }
}
