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

    /// <summary>BLKFLSBUF = _IO(0x12, 97): flush a block device's buffer cache.</summary>
    internal const nuint BLKFLSBUF = 0x1261;

    /// <summary>BLKGETSIZE64 = _IOR(0x12, 114, size_t): device size in bytes.</summary>
    internal const nuint BLKGETSIZE64 = 0x80081272;
}
