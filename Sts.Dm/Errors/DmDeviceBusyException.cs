using Sts.Core;

namespace Sts.Dm.Errors;

/// <summary>The device is in use: open, or held by another device (EBUSY).</summary>
public sealed class DmDeviceBusyException : DmOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="device">The device's name, or null.</param>
    /// <param name="errno">The kernel's errno.</param>
    /// <param name="message">What went wrong.</param>
    public DmDeviceBusyException(string operation, string? device, Errno errno, string message)
        : base(operation, device, errno, message) { }
}
