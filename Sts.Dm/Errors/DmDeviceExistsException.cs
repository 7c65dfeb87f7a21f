using Sts.Core;

namespace Sts.Dm.Errors;

/// <summary>A device with that name or uuid already exists (the kernel answers EBUSY on create and rename, EEXIST elsewhere).</summary>
public sealed class DmDeviceExistsException : DmOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="device">The device's name, or null.</param>
    /// <param name="errno">The kernel's errno.</param>
    /// <param name="message">What went wrong.</param>
    public DmDeviceExistsException(string operation, string? device, Errno errno, string message)
        : base(operation, device, errno, message) { }
}
