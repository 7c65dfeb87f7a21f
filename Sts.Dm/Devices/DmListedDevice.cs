using Sts.Core.Devices;

namespace Sts.Dm.Devices;

/// <summary>One device in the kernel's list (DM_LIST_DEVICES, or dmsetup ls).</summary>
/// <param name="Name">The name, unmangled.</param>
/// <param name="DeviceNumber">major:minor.</param>
/// <param name="Uuid">The uuid, unmangled; null when none is set or the kernel does not report uuids in lists (before interface 4.46).</param>
/// <param name="EventNumber">The event counter, or null when the kernel does not report it in lists.</param>
public sealed record DmListedDevice(string Name, DeviceNumber DeviceNumber, string? Uuid, uint? EventNumber);
