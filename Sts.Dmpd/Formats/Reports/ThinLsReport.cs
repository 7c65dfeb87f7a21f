using Sts.Core.Parsing;
using System.Globalization;

namespace Sts.Dmpd.Formats.Reports;

/// <summary>thin_ls output: the columns it printed and one row per thin device.</summary>
public sealed class ThinLsReport
{
    private const string DocumentName = "thin_ls output";

    private static readonly Dictionary<string, ThinLsField> FieldNames = new(StringComparer.Ordinal)
    {
        ["DEV"] = ThinLsField.Dev,
        ["MAPPED_BLOCKS"] = ThinLsField.MappedBlocks,
        ["EXCLUSIVE_BLOCKS"] = ThinLsField.ExclusiveBlocks,
        ["SHARED_BLOCKS"] = ThinLsField.SharedBlocks,
        ["MAPPED_SECTORS"] = ThinLsField.MappedSectors,
        ["EXCLUSIVE_SECTORS"] = ThinLsField.ExclusiveSectors,
        ["SHARED_SECTORS"] = ThinLsField.SharedSectors,
        ["MAPPED_BYTES"] = ThinLsField.MappedBytes,
        ["EXCLUSIVE_BYTES"] = ThinLsField.ExclusiveBytes,
        ["SHARED_BYTES"] = ThinLsField.SharedBytes,
        ["MAPPED"] = ThinLsField.Mapped,
        ["EXCLUSIVE"] = ThinLsField.Exclusive,
        ["SHARED"] = ThinLsField.Shared,
        ["TRANSACTION"] = ThinLsField.Transaction,
        ["CREATE_TIME"] = ThinLsField.CreateTime,
        ["SNAP_TIME"] = ThinLsField.SnapTime,
    };

    // thin_ls prints a size in the largest binary unit that divides it exactly (0 bare).
    private static readonly (string Suffix, int Shift)[] Units =
        [("EiB", 60), ("PiB", 50), ("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10), ("B", 0)];

    private ThinLsReport(IReadOnlyList<ThinLsField> fields, IReadOnlyList<ThinLsRow> rows)
    {
        Fields = fields;
        Rows = rows;
    }

    /// <summary>thin_ls's default columns: DEV, MAPPED, CREATE_TIME, SNAP_TIME.</summary>
    public static IReadOnlyList<ThinLsField> DefaultFields { get; } =
        [ThinLsField.Dev, ThinLsField.Mapped, ThinLsField.CreateTime, ThinLsField.SnapTime];

    /// <summary>The columns, in printed order.</summary>
    public IReadOnlyList<ThinLsField> Fields { get; }

    /// <summary>One row per device, in printed order.</summary>
    public IReadOnlyList<ThinLsRow> Rows { get; }

    /// <summary>The thin_ls -o argument naming a set of columns (e.g. "DEV,MAPPED_BLOCKS").</summary>
    /// <param name="fields">The columns.</param>
    /// <returns>The comma-separated names thin_ls expects.</returns>
    public static string FormatFieldList(IEnumerable<ThinLsField> fields) =>
        string.Join(',', fields.Select(f => FieldNames.First(p => p.Value == f).Key));

    /// <summary>Parses thin_ls output that starts with its header line (the default).</summary>
    /// <param name="text">thin_ls's standard output.</param>
    /// <returns>The report.</returns>
    /// <exception cref="DmpdParseException">No header, an unknown column, a row with the wrong number of columns or a value that is not a number.</exception>
    public static ThinLsReport Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = Lines(text);
        if (lines.Count == 0)
        {
            throw new DmpdParseException(DocumentName, "the output is empty; expected a header line", 1, 1);
        }

        var fields = new List<ThinLsField>();
        foreach (var (token, column) in Tokens(lines[0].Text))
        {
            fields.Add(FieldNames.TryGetValue(token, out var field)
                ? field
                : throw new DmpdParseException(DocumentName, "unknown column in the header", lines[0].Number, column, token));
        }

        return new ThinLsReport(fields, ParseRows(lines, 1, fields));
    }

    /// <summary>Parses <c>thin_ls --no-headers</c> output, whose columns the caller names.</summary>
    /// <param name="text">thin_ls's standard output.</param>
    /// <param name="fields">The columns asked for with -o, or <see cref="DefaultFields"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="DmpdParseException">A row with the wrong number of columns or a value that is not a number.</exception>
    public static ThinLsReport ParseWithoutHeaders(string text, IReadOnlyList<ThinLsField> fields)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fields);
        return new ThinLsReport(fields, ParseRows(Lines(text), 0, fields));
    }

    private static List<ThinLsRow> ParseRows(List<(string Text, int Number)> lines, int first, IReadOnlyList<ThinLsField> fields)
    {
        var rows = new List<ThinLsRow>();
        for (var i = first; i < lines.Count; i++)
        {
            var (line, number) = lines[i];
            var tokens = Tokens(line).ToList();
            if (tokens.Count != fields.Count)
            {
                throw new DmpdParseException(DocumentName, $"a row has {tokens.Count} columns, the header {fields.Count}", number, 1, line);
            }

            var values = new ulong?[Enum.GetValues<ThinLsField>().Length];
            for (var c = 0; c < tokens.Count; c++)
            {
                var (token, column) = tokens[c];
                var field = fields[c];
                // Each column's range is what its property can hold: DEV a 32-bit id (thin ids
                // are 24 bits), the human sizes at most 2^63-1 bytes (a Size); nothing is truncated.
                var value = field switch
                {
                    ThinLsField.Mapped or ThinLsField.Exclusive or ThinLsField.Shared => ParseHumanSize(token),
                    ThinLsField.Dev => AsciiNumber.TryParse(token, uint.MaxValue, out var id) ? id : null,
                    _ => AsciiNumber.TryParseUInt64(token, out var n) ? n : (ulong?)null,
                };
                values[(int)field] = value ?? throw new DmpdParseException(DocumentName, $"column {FormatFieldList([field])} is not a number in range", number, column, token);
            }

            rows.Add(new ThinLsRow(values));
        }

        return rows;
    }

    private static ulong? ParseHumanSize(string token)
    {
        foreach (var (suffix, shift) in Units)
        {
            if (token.EndsWith(suffix, StringComparison.Ordinal)
                && AsciiNumber.TryParse(token.AsSpan(0, token.Length - suffix.Length), (ulong)long.MaxValue >> shift, out var n))
            {
                return n << shift;
            }
        }

        return AsciiNumber.TryParse(token, (ulong)long.MaxValue, out var bare) ? bare : null;
    }

    // Blank lines are skipped but keep their place, so errors name the real line.
    private static List<(string Text, int Number)> Lines(string text) =>
        [.. text.Split('\n').Select((l, i) => (l, i + 1)).Where(l => l.l.Trim().Length > 0)];

    private static IEnumerable<(string Token, int Column)> Tokens(string line)
    {
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i > start)
            {
                yield return (line[start..i], start + 1);
            }
        }
    }
}
