using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Cache;

/// <summary>
/// Reads cache_dump XML as a stream: the superblock on opening, then each section and its
/// entries one at a time, so memory stays constant however many cache blocks there are.
/// Sections must come in cache_dump's order (mappings, hints, discards), each at most once.
/// Strict like <see cref="Thin.ThinDumpReader"/>: anything unexpected throws
/// <see cref="DmpdParseException"/> with the line and column.
/// </summary>
public sealed class CacheDumpReader : IDisposable
{
    private const string DocumentName = "cache_dump XML";

    private readonly SectionedDumpReader<CacheDumpSection> _dump;
    private readonly XmlAttributeSet[] _sections;
    private readonly XmlAttributeSet[] _items;
    private int _nextAllowed;

    private CacheDumpReader(StrictXmlReader xml)
    {
        _dump = new(xml);
        var names = xml.NameTable;
        const XmlAttributeKind U64 = XmlAttributeKind.UInt64, U32 = XmlAttributeKind.UInt32, Str = XmlAttributeKind.String;
        var superblock = new XmlAttributeSet(names, "superblock",
            ("uuid", Str, false), ("block_size", U32, false), ("nr_cache_blocks", U64, false), ("policy", Str, false), ("hint_width", U32, false));
        _sections = [new(names, "mappings"), new(names, "hints"), new(names, "discards")];
        _items =
        [
            new(names, "mapping", ("cache_block", U64, false), ("origin_block", U64, false), ("dirty", XmlAttributeKind.Boolean, false)),
            new(names, "hint", ("cache_block", U64, false), ("data", Str, false)),
            new(names, "discard", ("dbegin", U64, false), ("dend", U64, false)),
        ];
        Span<ulong> n = stackalloc ulong[5];
        var s = new string?[5];
        _dump.ReadSuperblock(superblock, blockSizeIndex: 1, n, s);
        Superblock = new CacheSuperblock(s[0]!, Sectors.FromCount((long)n[1]), n[2], s[3]!, (uint)n[4]);
    }

    /// <summary>The header, read when the reader was opened.</summary>
    public CacheSuperblock Superblock { get; }

    /// <summary>Opens a cache_dump XML file and reads its superblock.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A reader positioned before the first section.</returns>
    /// <exception cref="DmpdParseException">The document does not start with a valid superblock.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CacheDumpReader Open(string path) => Open(StrictXmlReader.OpenFile(path));

    /// <summary>Opens cache_dump XML from a stream and reads its superblock.</summary>
    /// <param name="stream">UTF-8 XML.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the reader is disposed.</param>
    /// <returns>A reader positioned before the first section.</returns>
    /// <exception cref="DmpdParseException">The document does not start with a valid superblock.</exception>
    public static CacheDumpReader Open(Stream stream, bool leaveOpen = false) => new(new StrictXmlReader(stream, DocumentName, leaveOpen));

    /// <summary>Opens cache_dump XML from text and reads its superblock.</summary>
    /// <param name="text">The XML.</param>
    /// <param name="leaveOpen">True to leave <paramref name="text"/> open when the reader is disposed.</param>
    /// <returns>A reader positioned before the first section.</returns>
    /// <exception cref="DmpdParseException">The document does not start with a valid superblock.</exception>
    public static CacheDumpReader Open(TextReader text, bool leaveOpen = false) => new(new StrictXmlReader(text, DocumentName, leaveOpen));

    /// <summary>Moves to the next section, skipping (but still checking) the entries of the current one.</summary>
    /// <param name="section">The section now current.</param>
    /// <returns>False after the last section, once the document's end has been checked.</returns>
    /// <exception cref="DmpdParseException">The document is malformed, or a section is repeated or out of order.</exception>
    public bool TryReadSection(out CacheDumpSection section)
    {
        // Skipped entries are still read, so damage in them is not silently passed over.
        while (_dump.SectionOpen && _dump.Section switch
               {
                   CacheDumpSection.Mappings => TryReadMapping(out _),
                   CacheDumpSection.Hints => TryReadHint(out _),
                   _ => TryReadDiscard(out _),
               })
        {
        }

        section = default;
        if (!_dump.TryMoveToSection())
        {
            return false;
        }

        var xml = _dump.Xml;
        var index = Array.FindIndex(_sections, xml.IsAt);
        if (index < _nextAllowed)
        {
            throw xml.Unexpected("<mappings>, <hints> or <discards>, once each and in that order, or </superblock>");
        }

        xml.ReadAttributes(_sections[index], default, default);
        _nextAllowed = index + 1;
        section = (CacheDumpSection)index;
        _dump.StartSection(section);
        return true;
    }

    /// <summary>Reads the next entry of the <see cref="CacheDumpSection.Mappings"/> section.</summary>
    /// <param name="mapping">The entry, when there is one.</param>
    /// <returns>False at the end of the section.</returns>
    /// <exception cref="InvalidOperationException">The current section is not the mappings.</exception>
    /// <exception cref="DmpdParseException">The document is malformed here.</exception>
    public bool TryReadMapping(out CacheMapping mapping)
    {
        mapping = default;
        Span<ulong> n = stackalloc ulong[3];
        if (!TryReadEntry(CacheDumpSection.Mappings, n, default))
        {
            return false;
        }

        _dump.Xml.FinishLeaf();
        mapping = new CacheMapping(n[0], n[1], n[2] != 0);
        return true;
    }

    /// <summary>Reads the next entry of the <see cref="CacheDumpSection.Hints"/> section.</summary>
    /// <param name="hint">The entry, when there is one.</param>
    /// <returns>False at the end of the section.</returns>
    /// <exception cref="InvalidOperationException">The current section is not the hints.</exception>
    /// <exception cref="DmpdParseException">The document is malformed here, or a hint is not base64.</exception>
    public bool TryReadHint(out CacheHint? hint)
    {
        hint = null;
        Span<ulong> n = stackalloc ulong[2];
        var s = new string?[2];
        if (!TryReadEntry(CacheDumpSection.Hints, n, s))
        {
            return false;
        }

        var data = s[1]!;
        Span<byte> bytes = data.Length <= 256 ? stackalloc byte[data.Length] : new byte[data.Length];
        if (!Convert.TryFromBase64String(data, bytes, out _))
        {
            throw _dump.Xml.Error("the hint's data is not base64", data);
        }

        _dump.Xml.FinishLeaf();
        hint = new CacheHint(n[0], data);
        return true;
    }

    /// <summary>Reads the next entry of the <see cref="CacheDumpSection.Discards"/> section.</summary>
    /// <param name="discard">The entry, when there is one.</param>
    /// <returns>False at the end of the section.</returns>
    /// <exception cref="InvalidOperationException">The current section is not the discards.</exception>
    /// <exception cref="DmpdParseException">The document is malformed here.</exception>
    public bool TryReadDiscard(out CacheDiscard discard)
    {
        discard = default;
        Span<ulong> n = stackalloc ulong[2];
        if (!TryReadEntry(CacheDumpSection.Discards, n, default))
        {
            return false;
        }

        _dump.Xml.FinishLeaf();
        discard = new CacheDiscard(n[0], n[1]);
        return true;
    }

    /// <summary>Reads every remaining section into memory.</summary>
    /// <returns>The whole document (sections already passed are null).</returns>
    /// <exception cref="DmpdParseException">The document is malformed.</exception>
    public CacheMetadata ReadToEnd()
    {
        List<CacheMapping>? mappings = null;
        List<CacheHint>? hints = null;
        List<CacheDiscard>? discards = null;
        while (TryReadSection(out var section))
        {
            switch (section)
            {
                case CacheDumpSection.Mappings:
                    mappings = [];
                    while (TryReadMapping(out var m))
                    {
                        mappings.Add(m);
                    }

                    break;
                case CacheDumpSection.Hints:
                    hints = [];
                    while (TryReadHint(out var h))
                    {
                        hints.Add(h!);
                    }

                    break;
                default:
                    discards = [];
                    while (TryReadDiscard(out var d))
                    {
                        discards.Add(d);
                    }

                    break;
            }
        }

        return new CacheMetadata(Superblock, mappings, hints, discards);
    }

    /// <summary>Closes the underlying input.</summary>
    public void Dispose() => _dump.Dispose();

    // Reads the open section's next entry; false (and the section closed) at its end.
    private bool TryReadEntry(CacheDumpSection expected, Span<ulong> numbers, Span<string?> strings)
    {
        if (_dump.Section != expected)
        {
            throw new InvalidOperationException($"cache_dump reader: the current section is {_dump.Section?.ToString() ?? "none"}, not {expected}");
        }

        return _dump.TryReadEntry(_items[(int)expected], _sections[(int)expected].Element, numbers, strings);
    }
}
