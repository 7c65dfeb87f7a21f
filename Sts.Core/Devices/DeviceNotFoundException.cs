namespace Sts.Core.Devices;

/// <summary>The named device does not exist (no node, or no sysfs entry).</summary>
public sealed class DeviceNotFoundException : DeviceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="device">The path or name that was looked up.</param>
    /// <param name="detail">Where it was looked for.</param>
    public DeviceNotFoundException(string device, string detail)
        : base(device, $"Block device '{device}' not found: {detail}.") { }
}
