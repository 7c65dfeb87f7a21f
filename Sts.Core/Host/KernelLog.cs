using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Sts.Core.Interop;
using Sts.Core.Parsing;

namespace Sts.Core.Host;

/// <summary>One record of the kernel log as /dev/kmsg presents it.</summary>
/// <param name="Level">The syslog level, 0 (emergency) to 7 (debug).</param>
/// <param name="Facility">The syslog facility: 0 for the kernel itself, 1 (user) for lines written through /dev/kmsg.</param>
/// <param name="Sequence">The record's sequence number; consecutive records differ by one.</param>
/// <param name="Timestamp">Time since boot.</param>
/// <param name="Message">The text, with the kernel's \xNN escapes left in place.</param>
public sealed record KernelLogRecord(int Level, int Facility, ulong Sequence, TimeSpan Timestamp, string Message)
{
    // The largest timestamp a TimeSpan holds, in microseconds (about 29,000 years of uptime).
    private const ulong MaxMicroseconds = (ulong)(long.MaxValue / TimeSpan.TicksPerMicrosecond);

    /// <summary>True when the kernel itself logged the record (not a process writing to /dev/kmsg).</summary>
    public bool IsFromKernel => Facility == 0;

    /// <summary>The record as dmesg shows it: "[   12.345678] message".</summary>
    /// <returns>The line.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Timestamp.TotalSeconds,12:0.000000}] {Message}");

    /// <summary>
    /// Parses one /dev/kmsg record: "prio,seq,usec,flags[,...];message" optionally followed by
    /// continuation lines (" KEY=value"), which are dropped.
    /// </summary>
    /// <param name="record">The record as read.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">The text is not a /dev/kmsg record (numbers in ASCII digits; a timestamp within <see cref="TimeSpan.MaxValue"/>).</exception>
    /// <exception cref="ArgumentNullException">The record is null.</exception>
    public static KernelLogRecord Parse(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var semicolon = record.IndexOf(';', StringComparison.Ordinal);
        if (semicolon < 0)
        {
            throw new FormatException($"Not a /dev/kmsg record (no ';'): \"{record}\".");
        }

        var fields = record[..semicolon].Split(',');
        if (fields.Length < 3
            || !AsciiNumber.TryParseNonNegativeInt32(fields[0], out var priority)
            || !AsciiNumber.TryParseUInt64(fields[1], out var sequence)
            || !AsciiNumber.TryParse(fields[2], MaxMicroseconds, out var microseconds))
        {
            throw new FormatException($"Not a /dev/kmsg record (header is not \"prio,seq,usec,flags\"): \"{record}\".");
        }

        var message = record[(semicolon + 1)..];
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            message = message[..newline];
        }

        return new KernelLogRecord(priority & 7, priority >> 3, sequence, TimeSpan.FromTicks((long)microseconds * TimeSpan.TicksPerMicrosecond), message);
    }
}

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

                var errno = read < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (errno == Libc.EPIPE)
                {
                    MissedReads++; // the records we were at were overwritten; the next read resumes at the oldest kept
                    continue;
                }

                if (errno == Libc.EINTR)
                {
                    continue;
                }

                if (read == 0 || errno == Libc.EAGAIN)
                {
                    return records;
                }

                throw new IOException($"Reading {Device} failed: {Marshal.GetPInvokeErrorMessage(errno)}.");
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

/// <summary>Writing to the kernel log and reading the taint flags.</summary>
public static class KernelLog
{
    /// <summary>True when this process may write to and read from /dev/kmsg (it exists and we are root).</summary>
    public static bool IsAvailable => File.Exists("/dev/kmsg") && HostInfo.IsRoot;

    /// <summary>Writes one line into the kernel log at the given level (as a user-facility record).</summary>
    /// <param name="message">The text; newlines are replaced by spaces, and the kernel truncates past about 1 KiB.</param>
    /// <param name="level">The syslog level 0–7; 5 (notice) by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 0–7.</exception>
    /// <exception cref="IOException">/dev/kmsg cannot be written (absent, or not root).</exception>
    /// <exception cref="UnauthorizedAccessException">Not permitted.</exception>
    public static void Write(string message, int level = 5)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 7);
        var line = string.Create(CultureInfo.InvariantCulture, $"<{level}>{message.ReplaceLineEndings(" ")}\n");
        using var stream = new FileStream("/dev/kmsg", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
        stream.Write(Encoding.UTF8.GetBytes(line));
    }

    /// <summary>The kernel's taint mask (/proc/sys/kernel/tainted); 0 for an untainted kernel.</summary>
    /// <returns>The mask.</returns>
    /// <exception cref="IOException">The file cannot be read, or does not hold a 64-bit number.</exception>
    public static ulong ReadTaint()
    {
        var text = File.ReadAllText("/proc/sys/kernel/tainted").Trim();
        return AsciiNumber.TryParseUInt64(text, out var mask)
            ? mask
            : throw new IOException($"/proc/sys/kernel/tainted holds '{text}', not a taint mask.");
    }

    private static readonly string[] TaintNames =
    [
        "P (proprietary module)", "F (module force-loaded)", "S (unsafe SMP / out of spec)", "R (module force-unloaded)",
        "M (machine check)", "B (bad page)", "U (user request)", "D (kernel died: oops or BUG)", "A (ACPI table overridden)",
        "W (kernel warning)", "C (staging driver)", "I (firmware workaround)", "O (out-of-tree module)",
        "E (unsigned module)", "L (soft lockup)", "K (live patched)", "X (auxiliary)", "T (struct randomisation)",
        "N (in-kernel test)",
    ];

    /// <summary>Names the bits of a taint mask, e.g. "W (kernel warning)".</summary>
    /// <param name="mask">The mask.</param>
    /// <returns>One name per set bit, lowest first; unknown bits as "bit N".</returns>
    public static IReadOnlyList<string> DescribeTaint(ulong mask)
    {
        var names = new List<string>();
        for (var bit = 0; bit < 64; bit++)
        {
            if ((mask & (1UL << bit)) != 0)
            {
                names.Add(bit < TaintNames.Length ? TaintNames[bit] : string.Create(CultureInfo.InvariantCulture, $"bit {bit}"));
            }
        }

        return names;
    }
}
