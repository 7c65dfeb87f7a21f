using Sts.Core.Units;
using Sts.Dm.Parsing;
using Sts.Dm.Targets;

namespace Sts.Dm.Tables;

/// <summary>One line of a table: the sectors it maps and the target that maps them.</summary>
public sealed record DmTableLine
{
    /// <summary>Creates a line.</summary>
    /// <param name="start">The first sector of the device this line maps.</param>
    /// <param name="length">How many sectors it maps; more than 0.</param>
    /// <param name="target">The target.</param>
    /// <exception cref="DmValidationException">The length is 0, the line ends past the largest sector count, the target is missing, or the target cannot map this length.</exception>
    public DmTableLine(Sectors start, Sectors length, DmTarget target)
    {
        Start = start;
        Length = Require.Positive(length, "line length");
        Require.That(length.Count <= (long.MaxValue / Sectors.SectorSize) - start.Count, "line length",
            $"The line {start}+{length} ends past the largest sector count a device can have."); // so End can be read
        Target = Require.NotNull(target, "target");
        target.ValidateLength(length);
    }

    /// <summary>The first sector this line maps.</summary>
    public Sectors Start { get; }

    /// <summary>How many sectors this line maps.</summary>
    public Sectors Length { get; }

    /// <summary>The target.</summary>
    public DmTarget Target { get; }

    /// <summary>The sector after the last one this line maps.</summary>
    public Sectors End => Start + Length;

    /// <summary>Parses "start length type arguments" as <c>dmsetup table</c> prints one line.</summary>
    /// <param name="line">The line, without its newline.</param>
    /// <returns>The line.</returns>
    /// <exception cref="DmParseException">The line is not a table line, or its arguments do not fit its target type.</exception>
    public static DmTableLine Parse(string line)
    {
        var (start, length, type, arguments) = LineFrame.Split(line, "table");
        var target = DmTarget.Parse(type, arguments);
        try
        {
            return new DmTableLine(start, length, target);
        }
        catch (DmValidationException e)
        {
            throw new DmParseException(type, line, e.Message, e);
        }
    }

    /// <summary>The line as dmsetup prints it: "start length type arguments".</summary>
    public string Format() => $"{Start} {Length} {Target.TargetType} {Target.FormatArguments()}";

    /// <summary>The line as dmsetup prints it.</summary>
    public override string ToString() => Format();
}
