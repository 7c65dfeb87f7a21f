using System.Globalization;
using System.Text.RegularExpressions;
using Sts.Core.Devices;
using Sts.Core.Parsing;
using Sts.Dm.Devices;
using Sts.Dm.Naming;

namespace Sts.Dm.Backends.Dmsetup;

/// <summary>
/// Parses what dmsetup prints (lvm2 tools/dmsetup.c). Every command runs with
/// <c>--manglename none</c>, so names and uuids arrive exactly as the kernel stores them —
/// mangled, hence free of spaces and separators — and are unmangled here with
/// <see cref="DmNames.FromKernelName"/>, the same way the ioctl backend does.
/// </summary>
internal static partial class DmsetupOutput
{
    /// <summary>The column separator of <c>info -c</c>: '|' is never part of a mangled name.</summary>
    public const string Separator = "|";

    /// <summary>The columns <see cref="ParseList"/> expects, in order.</summary>
    public const string ListColumns = "name,uuid,major,minor,events";

    /// <summary>Parses <c>dmsetup info &lt;name&gt;</c> (the long form: "Name:", "State:", "Tables present:", …).</summary>
    public static DmDeviceInfo ParseInfo(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        string Field(string key) => fields.TryGetValue(key, out var value)
            ? value
            : throw new DmParseException("dmsetup info", text, $"no \"{key}:\" line");

        var state = Field("State");
        var tables = Field("Tables present").Split('&', StringSplitOptions.TrimEntries);
        var majorMinor = Field("Major, minor").Split(',', StringSplitOptions.TrimEntries);
        if (majorMinor.Length != 2)
        {
            throw new DmParseException("dmsetup info", text, "\"Major, minor:\" is not \"major, minor\"");
        }

        return new DmDeviceInfo(
            DmNames.FromKernelName(Field("Name")),
            fields.TryGetValue("UUID", out var uuid) && uuid.Length > 0 ? DmNames.FromKernelName(uuid) : null,
            new DeviceNumber(ParseUInt(majorMinor[0], text), ParseUInt(majorMinor[1], text)),
            fields.TryGetValue("Open count", out var open) ? ParseInt(open, text) : 0,
            ParseUInt(Field("Event number"), text),
            fields.TryGetValue("Number of targets", out var targets) ? ParseInt(targets, text) : 0,
            state.StartsWith("SUSPENDED", StringComparison.Ordinal),
            state.Contains("READ-ONLY", StringComparison.Ordinal),
            tables.Contains("LIVE"),
            tables.Contains("INACTIVE"),
            state.Contains("DEFERRED REMOVE", StringComparison.Ordinal),
            state.Contains("INTERNAL SUSPEND", StringComparison.Ordinal));
    }

    /// <summary>Parses <c>dmsetup info -c --noheadings --separator '|' -o name,uuid,major,minor,events</c>.</summary>
    public static List<DmListedDevice> ParseList(string text)
    {
        var result = new List<DmListedDevice>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Trim() == "No devices found")
            {
                continue;
            }

            var columns = line.Split(Separator);
            if (columns.Length != 5)
            {
                throw new DmParseException("dmsetup info -c", line, $"expected the 5 columns {ListColumns}");
            }

            result.Add(new DmListedDevice(
                DmNames.FromKernelName(columns[0]),
                new DeviceNumber(ParseUInt(columns[2], line), ParseUInt(columns[3], line)),
                columns[1].Length == 0 ? null : DmNames.FromKernelName(columns[1]),
                ParseUInt(columns[4], line)));
        }

        return result;
    }

    /// <summary>Parses <c>dmsetup deps &lt;name&gt;</c>: "1 dependencies  : (7, 0)".</summary>
    public static List<DeviceNumber> ParseDependencies(string text) =>
        DependencyPair().Matches(text)
            .Select(m => new DeviceNumber(ParseUInt(m.Groups[1].Value, text), ParseUInt(m.Groups[2].Value, text)))
            .ToList();

    /// <summary>Parses <c>dmsetup targets</c> (and <c>target-version</c>): "linear           v1.4.0" per line.</summary>
    public static List<DmTargetVersion> ParseTargets(string text)
    {
        var result = new List<DmTargetVersion>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 2 || !words[1].StartsWith('v') || !Version.TryParse(words[1][1..], out var version))
            {
                throw new DmParseException("dmsetup targets", line, "expected \"name vX.Y.Z\"");
            }

            result.Add(new DmTargetVersion(words[0], version));
        }

        return result;
    }

    /// <summary>Reads "Driver version:    4.47.0" from <c>dmsetup version</c>.</summary>
    public static Version ParseDriverVersion(string text)
    {
        var match = DriverVersion().Match(text);
        return match.Success && Version.TryParse(match.Groups[1].Value, out var version)
            ? version
            : throw new DmParseException("dmsetup version", text, "no \"Driver version: X.Y.Z\" line");
    }

    private static uint ParseUInt(string value, string context) =>
        AsciiNumber.TryParseUInt32(value, out var number)
            ? number
            : throw new DmParseException("dmsetup", context, $"\"{value}\" is not a 32-bit number");

    // Counts DmDeviceInfo holds as int: a value past 2^31-1 is refused, not wrapped to a negative count.
    private static int ParseInt(string value, string context) =>
        AsciiNumber.TryParseNonNegativeInt32(value, out var number)
            ? number
            : throw new DmParseException("dmsetup", context, $"\"{value}\" is not a count of at most {int.MaxValue}");

    [GeneratedRegex(@"\((\d+), (\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex DependencyPair();

    [GeneratedRegex(@"^Driver version:\s+(\d+\.\d+\.\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DriverVersion();
}
