namespace Sts.Core.Devices;

/// <summary>An operation on a device failed; carries the device's path.</summary>
public class DeviceException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="device">The device's path or name.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public DeviceException(string device, string message, Exception? innerException = null)
        : base(message, innerException) => Device = device;

    /// <summary>The device's path or name.</summary>
    public string Device { get; }
}
