using System.Globalization;
using System.Text;

namespace Sts.Dmpd.Formats;

/// <summary>
/// Writes the line-per-element XML the persistent-data tools emit: two spaces per level,
/// attributes in a fixed order, <c>"\n"</c> line ends, numbers in invariant decimal without
/// allocating a string per number.
/// </summary>
internal sealed class XmlLineWriter : IDisposable
{
    private static readonly string[] Indents = [.. Enumerable.Range(0, 8).Select(i => new string(' ', 2 * i))];
    private readonly TextWriter _out;
    private readonly bool _leaveOpen;

    public XmlLineWriter(TextWriter output, bool leaveOpen)
    {
        _out = output;
        _leaveOpen = leaveOpen;
    }

    public XmlLineWriter(Stream output, bool leaveOpen)
        : this(new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen) { NewLine = "\n" }, leaveOpen: false)
    {
    }

    public void Open(int level, string element)
    {
        _out.Write(Indents[level]);
        _out.Write('<');
        _out.Write(element);
    }

    public void Attribute(string name, ulong value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        _out.Write(' ');
        _out.Write(name);
        _out.Write("=\"");
        _out.Write(digits[..length]);
        _out.Write('"');
    }

    public void Attribute(string name, bool value) => Attribute(name, value ? "true" : "false");

    public void Attribute(string name, string value)
    {
        _out.Write(' ');
        _out.Write(name);
        _out.Write("=\"");
        Escape(value);
        _out.Write('"');
    }

    public void CloseEmpty() => _out.Write("/>\n");

    public void CloseStart() => _out.Write(">\n");

    public void End(int level, string element)
    {
        _out.Write(Indents[level]);
        _out.Write("</");
        _out.Write(element);
        _out.Write(">\n");
    }

    public void Flush() => _out.Flush();

    // The tools write strings raw; escaping only matters for hand-made values and keeps the
    // output well-formed (an empty uuid, the usual case, is unaffected).
    private void Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("&<>\"") < 0)
        {
            _out.Write(value);
            return;
        }

        foreach (var c in value)
        {
            _out.Write(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }
    }

    public void Dispose()
    {
        _out.Flush();
        if (!_leaveOpen)
        {
            _out.Dispose();
        }
    }
}
