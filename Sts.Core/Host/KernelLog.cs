using System.Globalization;
using System.Text;
using Sts.Core.Parsing;

namespace Sts.Core.Host;

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
