using Sts.Core;

namespace Sts.Dm.Errors;

/// <summary>
/// The kernel refused the request as invalid: a bad table line, an unknown target, a uuid change,
/// …; the kernel log says which. The errno is EINVAL, or for a refused table the one its target's
/// constructor returned (ENODEV or ENOENT for a path that names no block device, ENXIO for a
/// device number nothing has, EOVERFLOW for one that does not fit dev_t).
/// </summary>
public sealed class DmInvalidArgumentException : DmOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="device">The device's name, or null.</param>
    /// <param name="errno">The kernel's errno.</param>
    /// <param name="message">What went wrong.</param>
    public DmInvalidArgumentException(string operation, string? device, Errno errno, string message)
        : base(operation, device, errno, message) { }
}
