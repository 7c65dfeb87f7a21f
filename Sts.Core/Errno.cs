using System.Diagnostics.CodeAnalysis;

namespace Sts.Core;

/// <summary>
/// Linux error numbers: the one home of errno values in Sts. The kernel answers a refused call
/// with one of these, libc passes it on, and exceptions carry it (e.g.
/// <c>DmOperationException.Errno</c>), so a test asserts <c>Errno.EBUSY</c>, never 16.
/// The members keep the names of errno(3) and include/uapi/asm-generic/errno-base.h / errno.h,
/// since those are the words of the kernel log, the man pages and the kernel's sources; the values
/// are those of x86, arm and every architecture that uses asm-generic (not alpha, mips, parisc or
/// sparc, whose numbers above 34 differ).
/// </summary>
[SuppressMessage("Design", "CA1027:Mark enums with FlagsAttribute", Justification = "errno values are numbers, not bits.")]
public enum Errno
{
    /// <summary>Not an errno: the failure had another cause (e.g. a tool's exit code).</summary>
    None = 0,

    /// <summary>Operation not permitted.</summary>
    EPERM = 1,

    /// <summary>No such file or directory (dm-stats: no such region).</summary>
    ENOENT = 2,

    /// <summary>No such process.</summary>
    ESRCH = 3,

    /// <summary>Interrupted system call.</summary>
    EINTR = 4,

    /// <summary>Input/output error: what the kernel answers for I/O a target failed.</summary>
    EIO = 5,

    /// <summary>No such device or address (device-mapper: no such device).</summary>
    ENXIO = 6,

    /// <summary>Argument list too long.</summary>
    E2BIG = 7,

    /// <summary>Bad file descriptor.</summary>
    EBADF = 9,

    /// <summary>Resource temporarily unavailable (EWOULDBLOCK).</summary>
    EAGAIN = 11,

    /// <summary>Cannot allocate memory.</summary>
    ENOMEM = 12,

    /// <summary>Permission denied.</summary>
    EACCES = 13,

    /// <summary>Bad address.</summary>
    EFAULT = 14,

    /// <summary>Block device required.</summary>
    ENOTBLK = 15,

    /// <summary>Device or resource busy.</summary>
    EBUSY = 16,

    /// <summary>File exists.</summary>
    EEXIST = 17,

    /// <summary>Invalid cross-device link.</summary>
    EXDEV = 18,

    /// <summary>No such device.</summary>
    ENODEV = 19,

    /// <summary>Not a directory.</summary>
    ENOTDIR = 20,

    /// <summary>Is a directory.</summary>
    EISDIR = 21,

    /// <summary>Invalid argument.</summary>
    EINVAL = 22,

    /// <summary>Too many open files in system.</summary>
    ENFILE = 23,

    /// <summary>Too many open files.</summary>
    EMFILE = 24,

    /// <summary>Inappropriate ioctl for device.</summary>
    ENOTTY = 25,

    /// <summary>Text file busy.</summary>
    ETXTBSY = 26,

    /// <summary>File too large (dm-cache: cannot shrink the origin over dirty blocks).</summary>
    EFBIG = 27,

    /// <summary>No space left on device.</summary>
    ENOSPC = 28,

    /// <summary>Illegal seek.</summary>
    ESPIPE = 29,

    /// <summary>Read-only file system.</summary>
    EROFS = 30,

    /// <summary>Too many links.</summary>
    EMLINK = 31,

    /// <summary>Broken pipe (/dev/kmsg: records were overwritten before they were read).</summary>
    EPIPE = 32,

    /// <summary>Numerical argument out of domain.</summary>
    EDOM = 33,

    /// <summary>Numerical result out of range.</summary>
    ERANGE = 34,

    /// <summary>Resource deadlock avoided.</summary>
    EDEADLK = 35,

    /// <summary>File name too long.</summary>
    ENAMETOOLONG = 36,

    /// <summary>Function not implemented.</summary>
    ENOSYS = 38,

    /// <summary>Directory not empty.</summary>
    ENOTEMPTY = 39,

    /// <summary>No data available.</summary>
    ENODATA = 61,

    /// <summary>Value too large for defined data type.</summary>
    EOVERFLOW = 75,

    /// <summary>Invalid or incomplete multibyte or wide character.</summary>
    EILSEQ = 84,

    /// <summary>Operation not supported.</summary>
    EOPNOTSUPP = 95,

    /// <summary>Connection timed out.</summary>
    ETIMEDOUT = 110,

    /// <summary>Operation canceled.</summary>
    ECANCELED = 125,
}
