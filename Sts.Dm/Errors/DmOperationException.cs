using Sts.Core;

namespace Sts.Dm.Errors;

/// <summary>
/// A device-mapper operation failed in the kernel. Carries the operation, the device and the
/// errno; concrete subtypes name the common cases so tests can assert the exact failure.
/// </summary>
public class DmOperationException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The operation, e.g. "create" or "table load".</param>
    /// <param name="device">The device's name, or null for operations on the driver.</param>
    /// <param name="errno">The kernel's errno, or <see cref="Errno.None"/> when the failure was not an errno (e.g. a tool could not run).</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public DmOperationException(string operation, string? device, Errno errno, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        Device = device;
        Errno = errno;
    }

    /// <summary>The operation that failed.</summary>
    public string Operation { get; }

    /// <summary>The device's name, or null.</summary>
    public string? Device { get; }

    /// <summary>The kernel's errno (e.g. <see cref="Errno.EBUSY"/>), or <see cref="Errno.None"/>.</summary>
    public Errno Errno { get; }
}
