namespace Sts.Dm.Targets;

/// <summary>One member of a raid target: its metadata and data devices, either "-" (absent).</summary>
/// <param name="Metadata">The metadata device, or null for "-".</param>
/// <param name="Data">The data device, or null for "-" (a missing leg).</param>
public sealed record RaidDevice(DeviceReference? Metadata, DeviceReference? Data)
{
    /// <summary>"metadata data", "-" for an absent one.</summary>
    public override string ToString() => $"{Metadata?.ToString() ?? "-"} {Data?.ToString() ?? "-"}";
}
