using System.Runtime.InteropServices;

namespace Sts.Core.Interop;

/// <summary>
/// The few libc calls Sts.Core needs. C names stay here; callers see typed wrappers.
/// </summary>
internal static partial class Libc
{
    internal const int SIGKILL = 9;
    internal const int SIGTERM = 15;
    internal const int SIGCONT = 18;
    internal const int SIGSTOP = 19;

    internal const int ESRCH = 3;

    /// <summary>kill(2).</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    /// <summary>geteuid(2): never fails.</summary>
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();

    /// <summary>ioctl(2) with no argument (e.g. BLKFLSBUF).</summary>
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeHandle fd, nuint request, nint argument);

    /// <summary>ioctl(2) writing a 64-bit value (e.g. BLKGETSIZE64).</summary>
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeHandle fd, nuint request, out ulong value);

    internal const int O_RDONLY = 0;
    internal const int O_RDWR = 2;
    internal const int O_EXCL = 0x80;
    internal const int O_DIRECT = 0x4000; // x86_64 (Sts targets x86_64; aarch64's is 0x10000)
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;
    internal const int SEEK_END = 2;
    internal const int EAGAIN = 11;
    internal const int EPIPE = 32;
    internal const int EINTR = 4;
    internal const int EBUSY = 16;

    /// <summary>open(2), for the character devices .NET cannot open non-blocking (/dev/kmsg).</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    /// <summary>read(2).</summary>
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    /// <summary>pwrite(2).</summary>
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static unsafe partial nint PWrite(SafeHandle fd, byte* buffer, nuint count, long offset);

    /// <summary>pread(2).</summary>
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static unsafe partial nint PRead(SafeHandle fd, byte* buffer, nuint count, long offset);

    /// <summary>lseek(2).</summary>
    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    internal static partial long Seek(int fd, long offset, int whence);

    /// <summary>fsync(2). .NET's RandomAccess.FlushToDisk does not report a failed fsync (EIO after lost writes); this does.</summary>
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(SafeHandle fd);

    /// <summary>close(2).</summary>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    /// <summary>BLKFLSBUF = _IO(0x12, 97): flush a block device's buffer cache.</summary>
    internal const nuint BLKFLSBUF = 0x1261;

    /// <summary>BLKGETSIZE64 = _IOR(0x12, 114, size_t): device size in bytes.</summary>
    internal const nuint BLKGETSIZE64 = 0x80081272;
}
