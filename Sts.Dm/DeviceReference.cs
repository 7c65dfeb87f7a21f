using Sts.Core.Devices;

namespace Sts.Dm;

/// <summary>
/// A device as a table names it: a major:minor number (what the kernel prints back) or a path
/// (what a user may write, e.g. /dev/loop3). Exactly one of <see cref="Number"/> and
/// <see cref="Path"/> is set.
/// </summary>
public sealed record DeviceReference
{
    private DeviceReference(DeviceNumber? number, string? path)
    {
        Number = number;
        Path = path;
    }

    /// <summary>The device number, when the reference is one.</summary>
    public DeviceNumber? Number { get; }

    /// <summary>The path, when the reference is one.</summary>
    public string? Path { get; }

    /// <summary>A reference by device number.</summary>
    /// <param name="number">The major:minor number.</param>
    /// <returns>The reference.</returns>
    public static DeviceReference FromNumber(DeviceNumber number) => new(number, null);

    /// <summary>A reference by path.</summary>
    /// <param name="path">An absolute path without whitespace.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="DmValidationException">The path is empty, relative, or contains whitespace (a table cannot carry it).</exception>
    public static DeviceReference FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/' || path.Any(char.IsWhiteSpace))
        {
            throw new DmValidationException("device", $"'{path}' is not a device path a table can carry (absolute, no whitespace).");
        }

        return new DeviceReference(null, path);
    }

    /// <summary>Reads a device as a table writes it: "major:minor" or an absolute path.</summary>
    /// <param name="text">The table word.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="DmValidationException">The word is neither.</exception>
    public static DeviceReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && char.IsAsciiDigit(text[0]))
        {
            try
            {
                return FromNumber(DeviceNumber.Parse(text));
            }
            catch (FormatException e)
            {
                throw new DmValidationException("device", e.Message);
            }
        }

        return FromPath(text);
    }

    /// <summary>A reference by device number.</summary>
    /// <param name="number">The major:minor number.</param>
    public static implicit operator DeviceReference(DeviceNumber number) => FromNumber(number);

    /// <summary>The word a table carries: "major:minor" or the path.</summary>
    public override string ToString() => Number?.ToString() ?? Path!;
}
