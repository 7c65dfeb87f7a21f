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

    // The tools write strings raw; escaping only matters for hand-made values, and must cover
    // everything the reader turns back: besides & < > ", every control character (a literal tab
    // or newline in an attribute reads back as a space, other C0 characters not at all) and a
    // lone surrogate (which UTF-8 cannot carry) are written as character references.
    private void Escape(string value)
    {
        var span = value.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if (c is '&' or '<' or '>' or '"' || c < 0x20 || char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                {
                    _out.Write(span.Slice(i, 2)); // a valid pair: UTF-8 carries it
                    i += 2;
                    continue;
                }

                _out.Write(c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    _ => string.Create(CultureInfo.InvariantCulture, $"&#x{(int)c:X};"),
                });
                i++;
                continue;
            }

            var run = span[i..].IndexOfAny(SpecialOrControl);
            var length = run < 0 ? span.Length - i : Math.Max(run, 1);
            _out.Write(span.Slice(i, length));
            i += length;
        }
    }

    private static readonly System.Buffers.SearchValues<char> SpecialOrControl = System.Buffers.SearchValues.Create(
        "&<>\"\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"
        + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    public void Dispose()
    {
        _out.Flush();
        if (!_leaveOpen)
        {
            _out.Dispose();
        }
    }
}
