using System.Runtime.InteropServices;
using System.Text;
using Sts.Core.Interop;

namespace Sts.Core.Host;

/// <summary>
/// Reads the kernel log (/dev/kmsg) from a position onwards, without blocking: open it before a
/// test, read what was logged since after it. Each reader has its own position, so parallel
/// readers do not disturb each other or the system's logger.
/// </summary>
public sealed class KernelLogReader : IDisposable
{
    private const string Device = "/dev/kmsg";
    private int _fd;

    private KernelLogReader(int fd) => _fd = fd;

    /// <summary>How many records the kernel overwrote before this reader got to them (ring buffer wrapped).</summary>
    public long MissedReads { get; private set; }

    /// <summary>Opens the log positioned after its last record: <see cref="ReadNew"/> then returns only what is logged later.</summary>
    /// <returns>The reader.</returns>
    /// <exception cref="IOException">/dev/kmsg cannot be opened (absent, or not permitted).</exception>
    public static KernelLogReader OpenAtEnd()
    {
        var fd = Libc.Open(Device, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"Cannot open {Device}: {Marshal.GetLastPInvokeErrorMessage()}.");
        }

        if (Libc.Seek(fd, 0, Libc.SEEK_END) < 0)
        {
            var error = Marshal.GetLastPInvokeErrorMessage();
            Libc.Close(fd);
            throw new IOException($"Cannot seek to the end of {Device}: {error}.");
        }

        return new KernelLogReader(fd);
    }

    /// <summary>Every record logged since the last call (or since opening), oldest first.</summary>
    /// <returns>The records.</returns>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public unsafe IReadOnlyList<KernelLogRecord> ReadNew()
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var records = new List<KernelLogRecord>();
        var buffer = new byte[8192]; // a record is at most 1 KiB of text plus its dictionary
        fixed (byte* pointer = buffer)
        {
            while (true)
            {
                var read = Libc.Read(_fd, pointer, (nuint)buffer.Length);
                if (read > 0)
                {
                    records.Add(KernelLogRecord.Parse(Encoding.UTF8.GetString(buffer, 0, (int)read)));
                    continue;
                }

                var errno = read < 0 ? ErrnoExtensions.FromLastPInvokeError() : Errno.None;
                if (errno == Errno.EPIPE)
                {
                    MissedReads++; // the records we were at were overwritten; the next read resumes at the oldest kept
                    continue;
                }

                if (errno == Errno.EINTR)
                {
                    continue;
                }

                if (read == 0 || errno == Errno.EAGAIN)
                {
                    return records;
                }

                throw new IOException($"Reading {Device} failed: {errno.Describe()}.");
            }
        }
    }

    /// <summary>Closes the log.</summary>
    public void Dispose()
    {
        if (_fd >= 0)
        {
            Libc.Close(_fd);
            _fd = -1;
        }
    }
}
