using Sts.Core.Units;
using Sts.Dm.Tables;

namespace Sts.Dm.Status;

/// <summary>One line of <c>dmsetup status</c>: the sectors and the target's typed status.</summary>
/// <param name="Start">The first sector of the line.</param>
/// <param name="Length">The line's length.</param>
/// <param name="Status">The typed status.</param>
public sealed record DmStatusLine(Sectors Start, Sectors Length, DmStatus Status)
{
    /// <summary>Parses "start length type status".</summary>
    /// <param name="line">The line without its newline.</param>
    /// <returns>The line.</returns>
    /// <exception cref="DmParseException">The frame or the status does not parse.</exception>
    public static DmStatusLine Parse(string line)
    {
        var (start, length, type, text) = LineFrame.Split(line, "status");
        return new DmStatusLine(start, length, DmStatus.Parse(type, text));
    }

    /// <summary>Parses every line of <c>dmsetup status &lt;name&gt;</c>.</summary>
    /// <param name="text">The output.</param>
    /// <returns>The lines in order.</returns>
    /// <exception cref="DmParseException">A line does not parse.</exception>
    public static ValueList<DmStatusLine> ParseAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ValueList<DmStatusLine>(LineFrame.Lines(text).Select(Parse));
    }

    /// <summary>The line as dmsetup prints it.</summary>
    public string Format() => $"{Start} {Length} {Status.TargetType} {Status.Format()}";
}
