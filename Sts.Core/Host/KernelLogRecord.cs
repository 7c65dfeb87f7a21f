using System.Globalization;
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
