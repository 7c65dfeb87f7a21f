using Sts.Core.Units;

namespace Sts.Dm.Tables;

/// <summary>Splits "start length type rest" as dmsetup prints table and status lines.</summary>
internal static class LineFrame
{
    public static (Sectors Start, Sectors Length, string Type, string Remainder) Split(string line, string what)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ', 4);
        if (parts.Length < 3 || parts[2].Length == 0)
        {
            throw new DmParseException(what, line, "expected 'start length type arguments'");
        }

        try
        {
            return (Sectors.Parse(parts[0]), Sectors.Parse(parts[1]), parts[2], parts.Length == 4 ? parts[3] : "");
        }
        catch (InvalidSizeException e)
        {
            throw new DmParseException(what, line, e.Message, e);
        }
    }

    public static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Where(l => l.Length > 0);
}
