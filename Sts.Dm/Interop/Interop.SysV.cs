using System.Runtime.InteropServices;

namespace Sts.Dm.Interop;

/// <summary>SysV semaphores (udev cookies) and device nodes: the libc calls libdevmapper uses for udev sync.</summary>
internal static partial class SysV
{
    internal const int IPC_CREAT = 0x200;  // 01000
    internal const int IPC_EXCL = 0x400;   // 02000
    internal const int IPC_RMID = 0;
    internal const int SETVAL = 16;
    internal const int GETVAL = 12;
    internal const short IPC_NOWAIT = 0x800; // 04000
    internal const uint S_IFBLK = 0x6000;  // 0060000

    [StructLayout(LayoutKind.Sequential)]
    internal struct SemBuf
    {
        internal ushort Number;
        internal short Operation;
        internal short Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct TimeSpec
    {
        internal long Seconds;
        internal long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "semget", SetLastError = true)]
    internal static partial int SemGet(int key, int count, int flags);

    [LibraryImport("libc", EntryPoint = "semctl", SetLastError = true)]
    internal static partial int SemCtl(int id, int number, int command, int value);

    [LibraryImport("libc", EntryPoint = "semtimedop", SetLastError = true)]
    internal static unsafe partial int SemTimedOp(int id, SemBuf* operations, nuint count, TimeSpec* timeout);

    [LibraryImport("libc", EntryPoint = "mknod", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int MkNod(string path, uint mode, ulong device);

    /// <summary>glibc's makedev().</summary>
    internal static ulong MakeDev(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
}
