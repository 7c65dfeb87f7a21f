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

    /// <summary>Writes a whole document to a stream with <paramref name="write"/>; the stream is left open.</summary>
    public static void WriteDocument<T>(Stream output, T model, Action<XmlLineWriter, T> write)
    {
        using var writer = new XmlLineWriter(output, leaveOpen: true);
        write(writer, model);
    }

    /// <summary>Writes a whole document to text with <paramref name="write"/>; the writer is left open.</summary>
    public static void WriteDocument<T>(TextWriter output, T model, Action<XmlLineWriter, T> write)
    {
        using var writer = new XmlLineWriter(output, leaveOpen: true);
        write(writer, model);
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

    /// <summary>
    /// Writes a section of a superblock the way the tools lay one out: <c>&lt;section&gt;</c> on
    /// level 1, an empty <c>&lt;entry .../&gt;</c> per item on level 2 with the attributes
    /// <paramref name="writeAttributes"/> writes, then <c>&lt;/section&gt;</c>.
    /// </summary>
    public void Section<T>(string section, string entry, IEnumerable<T> items, Action<XmlLineWriter, T> writeAttributes)
    {
        Open(1, section);
        SectionEntries(section, entry, items, writeAttributes);
    }

    /// <summary>
    /// Finishes a section whose start tag the caller has opened on level 1 and given its
    /// attributes: closes the start tag, then writes the entries and the end tag as
    /// <see cref="Section"/> does.
    /// </summary>
    public void SectionEntries<T>(string section, string entry, IEnumerable<T> items, Action<XmlLineWriter, T> writeAttributes)
    {
        CloseStart();
        foreach (var item in items)
        {
            Open(2, entry);
            writeAttributes(this, item);
            CloseEmpty();
        }

        End(1, section);
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
