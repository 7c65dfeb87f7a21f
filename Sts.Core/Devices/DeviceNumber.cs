using System.Globalization;
using Sts.Core.Parsing;

namespace Sts.Core.Devices;

/// <summary>A block device's major:minor number, as the kernel prints it in tables and sysfs.</summary>
/// <param name="Major">The major number.</param>
/// <param name="Minor">The minor number.</param>
public readonly record struct DeviceNumber(uint Major, uint Minor)
{
    /// <summary>Parses "major:minor".</summary>
    /// <param name="text">e.g. "253:0".</param>
    /// <returns>The device number.</returns>
    /// <exception cref="FormatException">The text is not two decimal numbers (ASCII digits, 32 bits each) joined by ':'.</exception>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    public static DeviceNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        if (parts.Length == 2
            && AsciiNumber.TryParseUInt32(parts[0], out var major)
            && AsciiNumber.TryParseUInt32(parts[1], out var minor))
        {
            return new DeviceNumber(major, minor);
        }

        throw new FormatException($"'{text}' is not a device number (major:minor).");
    }

    /// <summary>The kernel's 64-bit encoding (new_encode_dev of the dm ioctl <c>dev</c> field).</summary>
    public ulong Encoded => (Minor & 0xffUL) | ((ulong)Major << 8) | ((Minor & ~0xffUL) << 12);

    /// <summary>Decodes the kernel's 64-bit encoding.</summary>
    /// <param name="dev">The encoded number.</param>
    /// <returns>The device number.</returns>
    public static DeviceNumber FromEncoded(ulong dev) =>
        new((uint)((dev & 0xfff00) >> 8), (uint)((dev & 0xff) | ((dev >> 12) & 0xfff00)));

    /// <summary>"major:minor".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}:{Minor}");
}
