using System.Runtime.InteropServices;
using System.Text;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm.Devices;
using Sts.Dm.Naming;
using static Sts.Dm.Interop.DmIoctl;

namespace Sts.Dm.Backends.Ioctl;

public sealed partial class DmControl
{
    /// <summary>
    /// The kernel's answer: the header it wrote back, and the records it packed behind it,
    /// read at the ABI's offsets.
    /// </summary>
    private readonly struct Reply(byte[] buffer, int size)
    {
        private readonly byte[] _buffer = buffer;
        private readonly int _size = size;

        internal Flags Flags => (Flags)U32(OffFlags);

        internal int DataStart => (int)U32(OffDataStart);

        /// <summary>End of what the kernel wrote: it sets data_size to the space it used.</summary>
        private int DataEnd => Math.Min((int)U32(OffDataSize), _size);

        internal uint U32(int offset) => MemoryMarshal.Read<uint>(_buffer.AsSpan(offset));

        internal ulong U64(int offset) => MemoryMarshal.Read<ulong>(_buffer.AsSpan(offset));

        internal string CString(int offset)
        {
            var span = _buffer.AsSpan(offset, _size - offset);
            var end = span.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
        }

        internal DmDeviceInfo Info()
        {
            var flags = Flags;
            var uuid = CString(OffUuid);
            return new DmDeviceInfo(
                DmNames.FromKernelName(CString(OffName)),
                uuid.Length == 0 ? null : DmNames.FromKernelName(uuid),
                DeviceNumber.FromEncoded(U64(OffDev)),
                (int)U32(OffOpenCount),
                U32(OffEventNr),
                (int)U32(OffTargetCount),
                (flags & Flags.Suspend) != 0,
                (flags & Flags.ReadOnly) != 0,
                (flags & Flags.ActivePresent) != 0,
                (flags & Flags.InactivePresent) != 0,
                (flags & Flags.DeferredRemove) != 0,
                (flags & Flags.InternalSuspend) != 0);
        }

        /// <summary>dm_target_spec records; on TABLE_STATUS each next is relative to the data start.</summary>
        internal List<DmTargetSpec> Targets()
        {
            var count = (int)U32(OffTargetCount);
            var result = new List<DmTargetSpec>(count);
            var offset = DataStart;
            for (var i = 0; i < count; i++)
            {
                result.Add(new DmTargetSpec(
                    Sectors.FromCount((long)U64(offset + SpecOffSectorStart)),
                    Sectors.FromCount((long)U64(offset + SpecOffLength)),
                    CString(offset + SpecOffTargetType),
                    CString(offset + TargetSpecSize)));
                offset = DataStart + (int)U32(offset + SpecOffNext);
            }

            return result;
        }

        /// <summary>
        /// dm_name_list records: dev, next (relative to the record, 0 at the end), name; then,
        /// 8-aligned, event_nr and flags (interface 4.37+), then the uuid when flagged (4.46+).
        /// </summary>
        internal List<DmListedDevice> NameList()
        {
            var result = new List<DmListedDevice>();
            var offset = DataStart;
            if (U64(offset + NameListOffDev) == 0)
            {
                return result; // the kernel writes one empty record when there are no devices
            }

            while (true)
            {
                var next = (int)U32(offset + NameListOffNext);
                var recordEnd = next == 0 ? DataEnd : offset + next;
                var name = CString(offset + NameListOffName);
                var extra = Align8(offset + NameListOffName + Encoding.UTF8.GetByteCount(name) + 1);
                uint? eventNr = null;
                string? uuid = null;
                if (extra + 8 <= recordEnd)
                {
                    eventNr = U32(extra);
                    if ((U32(extra + 4) & NameListFlagHasUuid) != 0)
                    {
                        uuid = DmNames.FromKernelName(CString(Align8(extra + 8)));
                    }
                }

                result.Add(new DmListedDevice(DmNames.FromKernelName(name), DeviceNumber.FromEncoded(U64(offset + NameListOffDev)), uuid, eventNr));
                if (next == 0)
                {
                    return result;
                }

                offset += next;
            }
        }

        /// <summary>dm_target_versions records; next is relative to the record, 0 at the end.</summary>
        internal List<DmTargetVersion> Versions()
        {
            var result = new List<DmTargetVersion>();
            var offset = DataStart;
            while (offset + VersionsOffName < DataEnd)
            {
                var name = CString(offset + VersionsOffName);
                if (name.Length == 0)
                {
                    break;
                }

                result.Add(new DmTargetVersion(name, new Version(
                    (int)U32(offset + VersionsOffVersion), (int)U32(offset + VersionsOffVersion + 4), (int)U32(offset + VersionsOffVersion + 8))));
                var next = (int)U32(offset + VersionsOffNext);
                if (next == 0)
                {
                    break;
                }

                offset += next;
            }

            return result;
        }
    }
}
