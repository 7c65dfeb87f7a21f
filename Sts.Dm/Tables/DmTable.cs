using Sts.Core.Units;

namespace Sts.Dm.Tables;

/// <summary>
/// A device's table: lines that map the device contiguously from sector 0. Knows its total
/// length; parses and formats the text <c>dmsetup table</c> prints.
/// </summary>
public sealed class DmTable : IEquatable<DmTable>
{
    /// <summary>Creates a table.</summary>
    /// <param name="lines">The lines in order; the first starts at 0, each next one where the previous ends.</param>
    /// <exception cref="DmValidationException">No lines, or a gap or overlap between lines.</exception>
    public DmTable(IEnumerable<DmTableLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Lines = new ValueList<DmTableLine>(lines);
        if (Lines.Count == 0)
        {
            throw new DmValidationException("table", "A table needs at least one line.");
        }

        var expected = Sectors.FromCount(0);
        foreach (var line in Lines)
        {
            if (line.Start != expected)
            {
                throw new DmValidationException("table", $"Table lines must be contiguous from sector 0: line '{line}' starts at {line.Start}, expected {expected}.");
            }

            expected = line.End;
        }

        Length = expected;
    }

    /// <summary>Creates a table from lines.</summary>
    /// <param name="lines">The lines in order.</param>
    /// <exception cref="DmValidationException">No lines, or a gap or overlap between lines.</exception>
    public DmTable(params DmTableLine[] lines) : this((IEnumerable<DmTableLine>)lines)
    {
    }

    /// <summary>The lines, in order.</summary>
    public ValueList<DmTableLine> Lines { get; }

    /// <summary>The device's total length: the sum of the lines' lengths.</summary>
    public Sectors Length { get; }

    /// <summary>A one-line table mapping sectors 0..length-1 to the target.</summary>
    /// <param name="length">The length; more than 0.</param>
    /// <param name="target">The target.</param>
    /// <returns>The table.</returns>
    /// <exception cref="DmValidationException">The length is 0 or does not suit the target.</exception>
    public static DmTable OneLine(Sectors length, Targets.DmTarget target) =>
        new(new DmTableLine(Sectors.FromCount(0), length, target));

    /// <summary>Parses the text <c>dmsetup table &lt;name&gt;</c> prints (one line per target, newline separated).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The table.</returns>
    /// <exception cref="DmParseException">A line does not parse, or the lines are not contiguous from 0.</exception>
    public static DmTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = LineFrame.Lines(text).Select(DmTableLine.Parse).ToList();
        try
        {
            return new DmTable(lines);
        }
        catch (DmValidationException e)
        {
            throw new DmParseException("table", text, e.Message, e);
        }
    }

    /// <summary>The table as dmsetup prints it: one line per target, each ending in a newline.</summary>
    public string Format() => string.Concat(Lines.Select(l => l.Format() + "\n"));

    /// <inheritdoc />
    public bool Equals(DmTable? other) => other is not null && Lines.Equals(other.Lines);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DmTable);

    /// <inheritdoc />
    public override int GetHashCode() => Lines.GetHashCode();

    /// <summary>The table as dmsetup prints it.</summary>
    public override string ToString() => Format();
}
