using System.Globalization;
using System.Text.RegularExpressions;

namespace Sts.Dmpd.Formats.Reports;

/// <summary>
/// The estimate thin_metadata_size or cache_metadata_size prints. thin_metadata_size rounds to
/// two decimals (or prints e.g. 4.31e-03 for tiny values), so <see cref="Value"/> is a decimal
/// and byte counts derived from it are estimates unless the unit is bytes or sectors.
/// </summary>
/// <param name="Value">The number printed.</param>
/// <param name="Unit">Its unit; null when the output had none and the caller named none.</param>
/// <param name="Parameters">The quoted option summary of thin_metadata_size's long form, else null.</param>
public sealed partial record MetadataSizeReport(decimal Value, MetadataSizeUnit? Unit, string? Parameters)
{
    private const string DocumentName = "metadata size output";

    private static readonly (MetadataSizeUnit Unit, char Letter, string Name, decimal Bytes)[] UnitTable =
    [
        (MetadataSizeUnit.Bytes, 'b', "bytes", 1m),
        (MetadataSizeUnit.Sectors, 's', "sectors", 512m),
        (MetadataSizeUnit.Kibibytes, 'k', "kibibytes", 1024m),
        (MetadataSizeUnit.Kilobytes, 'K', "kilobytes", 1000m),
        (MetadataSizeUnit.Mebibytes, 'm', "mebibytes", 1024m * 1024),
        (MetadataSizeUnit.Megabytes, 'M', "megabytes", 1000m * 1000),
        (MetadataSizeUnit.Gibibytes, 'g', "gibibytes", 1024m * 1024 * 1024),
        (MetadataSizeUnit.Gigabytes, 'G', "gigabytes", 1e9m),
        (MetadataSizeUnit.Tebibytes, 't', "tebibytes", 1024m * 1024 * 1024 * 1024),
        (MetadataSizeUnit.Terabytes, 'T', "terabytes", 1e12m),
        (MetadataSizeUnit.Pebibytes, 'p', "pebibytes", 1125899906842624m),
        (MetadataSizeUnit.Petabytes, 'P', "petabytes", 1e15m),
        (MetadataSizeUnit.Exbibytes, 'e', "exbibytes", 1152921504606846976m),
        (MetadataSizeUnit.Exabytes, 'E', "exabytes", 1e18m),
        (MetadataSizeUnit.Zebibytes, 'z', "zebibytes", 1180591620717411303424m),
        (MetadataSizeUnit.Zettabytes, 'Z', "zettabytes", 1e21m),
        (MetadataSizeUnit.Yobibytes, 'y', "yobibytes", 1208925819614629174706176m),
        (MetadataSizeUnit.Yottabytes, 'Y', "yottabytes", 1e24m),
    ];

    /// <summary>The size in bytes (an estimate when the printed value was rounded), or null without a unit.</summary>
    /// <exception cref="OverflowException">Only for a report built by hand whose bytes exceed a decimal; <see cref="Parse"/> refuses such text.</exception>
    public decimal? Bytes => Unit is { } unit ? Value * UnitTable[(int)unit].Bytes : null;

    /// <summary>The thin_metadata_size -u letter for a unit.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>Its letter, e.g. 's'.</returns>
    public static char Letter(MetadataSizeUnit unit) => UnitTable[(int)unit].Letter;

    /// <summary>
    /// Parses one line of output: thin_metadata_size's sentence
    /// (<c>thin_metadata_size - 9048 sectors estimated metadata area size for "..."</c>), its
    /// -n forms (<c>9048</c>, <c>9048s</c>, <c>4.42mebibytes</c>) or cache_metadata_size's
    /// <c>8246 sectors</c>.
    /// </summary>
    /// <param name="text">The tool's standard output.</param>
    /// <param name="bareUnit">The unit asked for with -u, used when the output prints a bare number (-n).</param>
    /// <returns>The report.</returns>
    /// <exception cref="DmpdParseException">The text is none of those shapes, or names an unknown unit.</exception>
    public static MetadataSizeReport Parse(string text, MetadataSizeUnit? bareUnit = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.EndsWith('\n') ? text[..^1] : text;
        if (line.Contains('\n', StringComparison.Ordinal))
        {
            throw new DmpdParseException(DocumentName, "expected one line", 2, 1, text);
        }

        var sentence = Sentence().Match(line);
        if (sentence.Success)
        {
            return Readable(new MetadataSizeReport(Number(sentence.Groups["value"], line), UnitNamed(sentence.Groups["unit"], line), sentence.Groups["params"].Value), line);
        }

        var spaced = Spaced().Match(line);
        if (spaced.Success)
        {
            return Readable(new MetadataSizeReport(Number(spaced.Groups["value"], line), UnitNamed(spaced.Groups["unit"], line), null), line);
        }

        var bare = Bare().Match(line);
        if (bare.Success)
        {
            var unit = bare.Groups["unit"];
            return Readable(new MetadataSizeReport(
                Number(bare.Groups["value"], line),
                unit.Length == 0 ? bareUnit : unit.Length == 1 ? UnitLettered(unit, line) : UnitNamed(unit, line),
                null), line);
        }

        throw new DmpdParseException(DocumentName, "not a metadata size estimate", 1, 1, line);
    }

    // What Parse returns can be read: a value whose bytes overflow a decimal (e.g. 1e28
    // yobibytes) is refused here rather than throwing from Bytes later.
    private static MetadataSizeReport Readable(MetadataSizeReport report, string line)
    {
        try
        {
            _ = report.Bytes;
            return report;
        }
        catch (OverflowException)
        {
            throw new DmpdParseException(DocumentName, "the value in bytes is too large to hold", 1, 1, line);
        }
    }

    private static decimal Number(Group group, string line) =>
        decimal.TryParse(group.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DmpdParseException(DocumentName, "not a number", 1, group.Index + 1, group.Value);

    private static MetadataSizeUnit UnitNamed(Group group, string line)
    {
        foreach (var entry in UnitTable)
        {
            if (entry.Name == group.Value)
            {
                return entry.Unit;
            }
        }

        throw new DmpdParseException(DocumentName, "unknown unit", 1, group.Index + 1, group.Value);
    }

    private static MetadataSizeUnit UnitLettered(Group group, string line)
    {
        foreach (var entry in UnitTable)
        {
            if (entry.Letter == group.Value[0])
            {
                return entry.Unit;
            }
        }

        throw new DmpdParseException(DocumentName, "unknown unit letter", 1, group.Index + 1, group.Value);
    }

    [GeneratedRegex("""^thin_metadata_size - (?<value>[0-9.e+-]+) (?<unit>[a-z]+) estimated metadata area size for "(?<params>[^"]*)"$""", RegexOptions.CultureInvariant)]
    private static partial Regex Sentence();

    [GeneratedRegex("^(?<value>[0-9.e+-]+) (?<unit>[a-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Spaced();

    [GeneratedRegex("^(?<value>[0-9][0-9.]*(?:e[+-][0-9]+)?)(?<unit>[a-zA-Z]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Bare();
}
