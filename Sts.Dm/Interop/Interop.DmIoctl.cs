using System.Runtime.InteropServices;

namespace Sts.Dm.Interop;

/// <summary>
/// The kernel's device-mapper ioctl ABI (include/uapi/linux/dm-ioctl.h). C names live here only.
/// Offsets are checked against the C header by a test (Sts.Tests/TestData/dm-ioctl/layout.c).
/// The structs are not marshalled: the buffer is read and written at these offsets, because the
/// kernel packs variable-length records (names, target parameters) behind the header.
/// </summary>
internal static partial class DmIoctl
{
    internal const string ControlPath = "/dev/mapper/control";

    // struct dm_ioctl: 312 bytes on every Linux ABI (u64 alignment pads data[7] to 312).
    internal const int HeaderSize = 312;
    internal const int OffVersion = 0;
    internal const int OffDataSize = 12;
    internal const int OffDataStart = 16;
    internal const int OffTargetCount = 20;
    internal const int OffOpenCount = 24;
    internal const int OffFlags = 28;
    internal const int OffEventNr = 32;
    internal const int OffDev = 40;
    internal const int OffName = 48;
    internal const int OffUuid = 176;
    internal const int OffData = 305;

    internal const int NameLength = 128; // DM_NAME_LEN, NUL included
    internal const int UuidLength = 129; // DM_UUID_LEN, NUL included
    internal const int MaxTypeName = 16; // DM_MAX_TYPE_NAME, NUL included

    // struct dm_target_spec
    internal const int TargetSpecSize = 40;
    internal const int SpecOffSectorStart = 0;
    internal const int SpecOffLength = 8;
    internal const int SpecOffStatus = 16;
    internal const int SpecOffNext = 20;
    internal const int SpecOffTargetType = 24;

    // struct dm_target_deps: count u32, padding u32, dev u64[]
    internal const int DepsOffCount = 0;
    internal const int DepsOffDev = 8;

    // struct dm_name_list: dev u64, next u32, name[]
    internal const int NameListOffDev = 0;
    internal const int NameListOffNext = 8;
    internal const int NameListOffName = 12;
    internal const uint NameListFlagHasUuid = 1;

    // struct dm_target_versions: next u32, version u32[3], name[]
    internal const int VersionsOffNext = 0;
    internal const int VersionsOffVersion = 4;
    internal const int VersionsOffName = 16;

    // struct dm_target_msg: sector u64, message[]
    internal const int MessageOffSector = 0;
    internal const int MessageOffText = 8;

    /// <summary>The interface version Sts speaks: the kernel accepts any 4.x request whose minor is not newer than its own.</summary>
    internal const uint VersionMajor = 4;

    /// <summary>_IOWR(0xfd, nr, struct dm_ioctl) on x86_64 and every ABI with the generic ioctl encoding.</summary>
    internal static nuint Request(Command command) => (nuint)(0xC138FD00u | (uint)command);

    internal enum Command : uint
    {
        Version = 0,
        RemoveAll = 1,
        ListDevices = 2,
        DevCreate = 3,
        DevRemove = 4,
        DevRename = 5,
        DevSuspend = 6,
        DevStatus = 7,
        DevWait = 8,
        TableLoad = 9,
        TableClear = 10,
        TableDeps = 11,
        TableStatus = 12,
        ListVersions = 13,
        TargetMsg = 14,
        DevSetGeometry = 15,
        DevArmPoll = 16,
        GetTargetVersion = 17,
    }

    [Flags]
    internal enum Flags : uint
    {
        None = 0,
        ReadOnly = 1 << 0,
        Suspend = 1 << 1,
        PersistentDev = 1 << 3,
        StatusTable = 1 << 4,
        ActivePresent = 1 << 5,
        InactivePresent = 1 << 6,
        BufferFull = 1 << 8,
        SkipLockfs = 1 << 10,
        NoFlush = 1 << 11,
        QueryInactiveTable = 1 << 12,
        UeventGenerated = 1 << 13,
        Uuid = 1 << 14,
        SecureData = 1 << 15,
        DataOut = 1 << 16,
        DeferredRemove = 1 << 17,
        InternalSuspend = 1 << 18,
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static unsafe partial int Ioctl(SafeHandle fd, nuint request, byte* argument);

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        internal int Fd;
        internal short Events;
        internal short Revents;
    }

    internal const short POLLIN = 1;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);
}
