using Sts.Core;

namespace Sts.Dm.Errors;

/// <summary>The caller may not drive device-mapper (EACCES/EPERM): it needs CAP_SYS_ADMIN.</summary>
public sealed class DmPermissionException : DmOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="device">The device's name, or null.</param>
    /// <param name="errno">The kernel's errno.</param>
    /// <param name="message">What went wrong.</param>
    public DmPermissionException(string operation, string? device, Errno errno, string message)
        : base(operation, device, errno, message) { }
}
