using Sts.Core.Units;

namespace Sts.Core.Devices;

/// <summary>One attached loop device as <c>losetup --list</c> reports it.</summary>
/// <param name="Path">The node, e.g. /dev/loop0.</param>
/// <param name="BackingFile">The backing file's path; " (deleted)" is appended by the kernel when it was unlinked.</param>
/// <param name="Offset">The offset into the backing file.</param>
/// <param name="SizeLimit">The size limit; zero for none.</param>
/// <param name="ReadOnly">Attached read-only.</param>
/// <param name="DirectIo">Direct I/O on the backing file.</param>
/// <param name="LogicalSectorSize">The logical sector size in bytes.</param>
public sealed record LoopDeviceInfo(
    string Path,
    string BackingFile,
    Size Offset,
    Size SizeLimit,
    bool ReadOnly,
    bool DirectIo,
    int LogicalSectorSize);
