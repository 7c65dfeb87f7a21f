using System.Runtime.InteropServices;
using System.Text;

namespace Sts.Benchmarks;

/// <summary>
/// The limit: the same ioctls as the native backend with nothing around them — one reused
/// buffer, no validation, no mangling, no logging, no result objects. Written independently of
/// Sts.Dm (its own constants) so it measures the kernel, not Sts.
/// </summary>
internal sealed unsafe partial class RawDm : IDisposable
{
    private const uint Create = 0xC138FD03, Remove = 0xC138FD04, Suspend = 0xC138FD06, Load = 0xC138FD09;
    private const uint List = 0xC138FD02, TableStatus = 0xC138FD0C;
    private readonly int _fd;
    private readonly byte[] _buffer = new byte[1 << 24];
    private int _listSize = 16 * 1024;

    public RawDm()
    {
        _fd = Open("/dev/mapper/control", 2 /* O_RDWR */);
        if (_fd < 0)
        {
            throw new InvalidOperationException($"open /dev/mapper/control: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public void CreateZero(string name, ulong sectors)
    {
        Header(name, 0);
        Call(Create);
        // TABLE_LOAD: one dm_target_spec (40 bytes) + "\0" params, padded to 48.
        Header(name, 48);
        fixed (byte* b = _buffer)
        {
            *(uint*)(b + 20) = 1; // target_count
            var spec = b + 312;
            *(ulong*)spec = 0;
            *(ulong*)(spec + 8) = sectors;
            *(uint*)(spec + 20) = 48;
            "zero"u8.CopyTo(new Span<byte>(spec + 24, 16));
        }

        Call(Load);
        Header(name, 0);
        Call(Suspend); // without the SUSPEND flag: resume
    }

    public void Delete(string name)
    {
        Header(name, 0);
        Call(Remove);
    }

    public int ListCount()
    {
        // 16 KiB, doubled while the kernel says BUFFER_FULL, remembered: what libdevmapper does.
        // (The kernel copies the whole buffer in, so a huge fixed buffer would not be the limit.)
        while (true)
        {
            Header(null, 0, bufferSize: _listSize);
            Call(List);
            if ((BitConverter.ToUInt32(_buffer, 28) & 0x100) == 0)
            {
                break;
            }

            _listSize *= 2;
        }

        fixed (byte* b = _buffer)
        {
            var offset = 312;
            if (*(ulong*)(b + offset) == 0)
            {
                return 0;
            }

            var count = 1;
            uint next;
            while ((next = *(uint*)(b + offset + 8)) != 0)
            {
                offset += (int)next;
                count++;
            }

            return count;
        }
    }

    public int Status(string name)
    {
        Header(name, 0, bufferSize: 16384);
        Call(TableStatus);
        fixed (byte* b = _buffer)
        {
            return *(int*)(b + 20); // target_count: proof the answer came back
        }
    }

    public void Dispose() => _ = Close(_fd);

    private void Header(string? name, int payload, int bufferSize = 0)
    {
        var size = bufferSize > 0 ? bufferSize : 312 + payload;
        Array.Clear(_buffer, 0, size);
        fixed (byte* b = _buffer)
        {
            *(uint*)b = 4;
            *(uint*)(b + 12) = (uint)size;
            *(uint*)(b + 16) = 312;
        }

        if (name is not null)
        {
            Encoding.ASCII.GetBytes(name, _buffer.AsSpan(48, 127));
        }
    }

    private void Call(uint request)
    {
        fixed (byte* b = _buffer)
        {
            if (Ioctl(_fd, request, b) < 0)
            {
                throw new InvalidOperationException($"ioctl 0x{request:x}: errno {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, byte* argument);
}
