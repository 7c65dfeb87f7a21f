using System.Globalization;
using System.Xml;
using Sts.Core.Parsing;

namespace Sts.Dmpd.Formats;

/// <summary>What an attribute holds, so one loop can read any element's attributes.</summary>
internal enum XmlAttributeKind
{
    UInt64,
    UInt32,
    Boolean,
    String,
}

/// <summary>
/// The attributes one element may carry, with names atomized in the reader's name table so a
/// lookup is a reference comparison. Optional attributes may be absent; anything not listed
/// is rejected.
/// </summary>
internal sealed class XmlAttributeSet
{
    public XmlAttributeSet(XmlNameTable names, string element, params (string Name, XmlAttributeKind Kind, bool Optional)[] attributes)
    {
        Element = names.Add(element);
        Names = [.. attributes.Select(a => names.Add(a.Name))];
        Kinds = [.. attributes.Select(a => a.Kind)];
        Required = attributes.Select((a, i) => a.Optional ? 0 : 1 << i).Aggregate(0, (x, y) => x | y);
    }

    public string Element { get; }

    public string[] Names { get; }

    public XmlAttributeKind[] Kinds { get; }

    public int Required { get; }
}

/// <summary>
/// A forward-only reader over one tool's XML that turns every surprise into a
/// <see cref="DmpdParseException"/> with a line and column: malformed XML, text where only
/// elements belong, unknown elements or attributes, missing attributes, bad numbers.
/// </summary>
internal sealed class StrictXmlReader : IDisposable
{
    private readonly XmlReader _reader;
    private readonly IXmlLineInfo _lineInfo;
    private int _elementLine;
    private int _elementColumn;

    public StrictXmlReader(TextReader input, string document, bool leaveOpen)
        : this(document, settings => XmlReader.Create(input, settings), leaveOpen)
    {
    }

    // XmlReader decodes UTF-8 itself when handed the bytes, which is faster than a StreamReader.
    public StrictXmlReader(Stream input, string document, bool leaveOpen)
        : this(document, settings => XmlReader.Create(input, settings), leaveOpen)
    {
    }

    /// <summary>Opens a dump file for one forward pass, the way every dump reader's <c>Open(path)</c> does.</summary>
    public static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    private StrictXmlReader(string document, Func<XmlReaderSettings, XmlReader> create, bool leaveOpen)
    {
        Document = document;
        var settings = new XmlReaderSettings
        {
            // The tools write plain ASCII; checking every character for XML validity costs time
            // and finds nothing thin_restore would not also reject.
            CheckCharacters = false,
            IgnoreWhitespace = true,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            CloseInput = !leaveOpen,
            NameTable = new NameTable(),
        };
        _reader = create(settings);
        _lineInfo = (IXmlLineInfo)_reader;
    }

    public string Document { get; }

    public XmlNameTable NameTable => _reader.NameTable;

    /// <summary>The current element's name, atomized (compare by reference).</summary>
    public string Name => _reader.LocalName;

    /// <summary>True when the current element is written as <c>&lt;x/&gt;</c>.</summary>
    public bool IsEmptyElement => _reader.IsEmptyElement;

    /// <summary>
    /// Moves to the next element start or end. Returns <see cref="XmlNodeType.None"/> at the end
    /// of the document; anything else (text, CDATA, a DOCTYPE) is rejected.
    /// </summary>
    public XmlNodeType Next()
    {
        try
        {
            while (_reader.Read())
            {
                switch (_reader.NodeType)
                {
                    case XmlNodeType.Element:
                        _elementLine = _lineInfo.LineNumber;
                        _elementColumn = _lineInfo.LinePosition;
                        return XmlNodeType.Element;
                    case XmlNodeType.EndElement:
                        return XmlNodeType.EndElement;
                    case XmlNodeType.XmlDeclaration:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        continue;
                    default:
                        throw Error($"unexpected {_reader.NodeType.ToString().ToLowerInvariant()} content", _reader.Value);
                }
            }

            return XmlNodeType.None;
        }
        catch (XmlException e)
        {
            throw new DmpdParseException(Document, "malformed XML: " + e.Message, e.LineNumber, e.LinePosition, null, e);
        }
    }

    /// <summary>True when the reader is on a start tag of <paramref name="set"/>'s element.</summary>
    public bool IsAt(XmlAttributeSet set) =>
        _reader.NodeType == XmlNodeType.Element && ReferenceEquals(_reader.LocalName, set.Element);

    /// <summary>Moves to the next node and insists it is the start of <paramref name="element"/>.</summary>
    public void ExpectStart(string element)
    {
        if (Next() != XmlNodeType.Element || !ReferenceEquals(Name, element))
        {
            throw Unexpected($"<{element}>");
        }
    }

    /// <summary>
    /// Reads a dump's root, the <c>&lt;superblock&gt;</c>: its start tag and attributes (as
    /// <see cref="ReadAttributes"/> does), insisting the block size at
    /// <paramref name="blockSizeIndex"/> is not 0. When the root is written as
    /// <c>&lt;superblock/&gt;</c>, checks that the document ends there and sets
    /// <paramref name="empty"/>. Meant for a reader's constructor: if anything throws, this reader
    /// (and its input) is disposed first, as the caller never gets an object to dispose.
    /// </summary>
    /// <returns>A bit mask of the attributes present.</returns>
    public int ReadRootOrDispose(XmlAttributeSet root, int blockSizeIndex, Span<ulong> numbers, Span<string?> strings, out bool empty)
    {
        try
        {
            ExpectStart(root.Element);
            var seen = ReadAttributes(root, numbers, strings);
            if (numbers[blockSizeIndex] == 0)
            {
                throw Error($"{root.Names[blockSizeIndex]} must not be 0", "0");
            }

            empty = _reader.IsEmptyElement;
            if (empty)
            {
                ExpectEndOfDocument();
            }

            return seen;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Finishes a leaf element: nothing to do for <c>&lt;x/&gt;</c>; for <c>&lt;x&gt;&lt;/x&gt;</c>
    /// the next node must be its end.
    /// </summary>
    public void FinishLeaf()
    {
        if (_reader.IsEmptyElement)
        {
            return;
        }

        var name = Name;
        if (Next() != XmlNodeType.EndElement || !ReferenceEquals(Name, name))
        {
            throw Unexpected($"</{name}>");
        }
    }

    /// <summary>Insists nothing but whitespace or comments follows the root element.</summary>
    public void ExpectEndOfDocument()
    {
        if (Next() != XmlNodeType.None)
        {
            throw Unexpected("the end of the document");
        }
    }

    /// <summary>An error for the node the reader is on: an element or end tag nobody expected here.</summary>
    public DmpdParseException Unexpected(string expected) => _reader.NodeType switch
    {
        XmlNodeType.None => Error($"the document ends early; expected {expected}", null),
        XmlNodeType.EndElement => Error($"unexpected end tag; expected {expected}", $"</{_reader.LocalName}>"),
        _ => Error($"unexpected element; expected {expected}", $"<{_reader.LocalName}>"),
    };

    /// <summary>An error at the reader's current position (an element or an attribute).</summary>
    public DmpdParseException Error(string problem, string? text) =>
        new(Document, problem, _lineInfo.LineNumber, _lineInfo.LinePosition, text);

    /// <summary>
    /// Reads the current element's attributes into <paramref name="numbers"/> (integers and
    /// booleans as 0/1) and <paramref name="strings"/> by their index in <paramref name="set"/>.
    /// Returns a bit mask of the attributes present.
    /// </summary>
    public int ReadAttributes(XmlAttributeSet set, Span<ulong> numbers, Span<string?> strings)
    {
        var seen = 0;
        var names = set.Names;
        while (_reader.MoveToNextAttribute())
        {
            var name = _reader.LocalName;
            var index = -1;
            for (var i = 0; i < names.Length; i++)
            {
                if (ReferenceEquals(names[i], name))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                throw Error($"unknown attribute on <{set.Element}>", _reader.Name);
            }

            seen |= 1 << index;
            var value = _reader.Value;
            switch (set.Kinds[index])
            {
                case XmlAttributeKind.UInt64:
                    numbers[index] = ParseUInt64(value, name);
                    break;
                case XmlAttributeKind.UInt32:
                    numbers[index] = ParseUInt32(value, name);
                    break;
                case XmlAttributeKind.Boolean:
                    numbers[index] = value switch
                    {
                        "true" => 1,
                        "false" => 0,
                        _ => throw Error($"attribute '{name}' must be true or false", value),
                    };
                    break;
                default:
                    strings[index] = value;
                    break;
            }
        }

        _reader.MoveToElement();
        var missing = set.Required & ~seen;
        if (missing != 0)
        {
            var first = names[System.Numerics.BitOperations.TrailingZeroCount(missing)];
            throw new DmpdParseException(Document, $"<{set.Element}> lacks the attribute '{first}'", _elementLine, _elementColumn, null);
        }

        return seen;
    }

    private ulong ParseUInt64(string value, string name) =>
        AsciiNumber.TryParseUInt64(value, out var n)
            ? n
            : throw Error($"attribute '{name}' is not an unsigned 64-bit number", value);

    private uint ParseUInt32(string value, string name) =>
        AsciiNumber.TryParseUInt32(value, out var n)
            ? n
            : throw Error($"attribute '{name}' is not an unsigned 32-bit number", value);

    public void Dispose() => _reader.Dispose();
}
