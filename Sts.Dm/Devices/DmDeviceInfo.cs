using Sts.Core.Devices;

namespace Sts.Dm.Devices;

/// <summary>What the kernel reports about one device (DM_DEV_STATUS, or dmsetup info).</summary>
/// <param name="Name">The name, unmangled.</param>
/// <param name="Uuid">The uuid, unmangled; null when none is set.</param>
/// <param name="DeviceNumber">major:minor; the node is /dev/dm-&lt;minor&gt;.</param>
/// <param name="OpenCount">How many openers hold it.</param>
/// <param name="EventNumber">The event counter, for waits.</param>
/// <param name="TargetCount">Targets in the live table (or the inactive one when queried).</param>
/// <param name="Suspended">True when suspended.</param>
/// <param name="ReadOnly">True when read-only.</param>
/// <param name="LiveTablePresent">True when a live table is loaded.</param>
/// <param name="InactiveTablePresent">True when an inactive table waits for resume.</param>
/// <param name="DeferredRemove">True when removal is deferred to the last close.</param>
/// <param name="InternalSuspend">True when the kernel suspended it internally (e.g. a pool).</param>
public sealed record DmDeviceInfo(
    string Name,
    string? Uuid,
    DeviceNumber DeviceNumber,
    int OpenCount,
    uint EventNumber,
    int TargetCount,
    bool Suspended,
    bool ReadOnly,
    bool LiveTablePresent,
    bool InactiveTablePresent,
    bool DeferredRemove,
    bool InternalSuspend)
{
    /// <summary>The kernel's name for the block device, e.g. "dm-3".</summary>
    public string KernelName => $"dm-{DeviceNumber.Minor}";
}
