using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Era;

/// <summary>
/// Reads era_dump XML as a stream: the superblock on opening, then writesets and the era array
/// one entry at a time, so memory stays constant however many blocks the origin has. Strict:
/// anything unexpected throws <see cref="DmpdParseException"/> with the line and column.
/// </summary>
public sealed class EraDumpReader : IDisposable
{
    private const string DocumentName = "era_dump XML";

    private readonly SectionedDumpReader<EraDumpSection> _dump;
    private readonly XmlAttributeSet _writeset;
    private readonly XmlAttributeSet _eraArray;
    private readonly XmlAttributeSet _bit;
    private readonly XmlAttributeSet _era;
    private bool _arraySeen;

    private EraDumpReader(StrictXmlReader xml)
    {
        _dump = new(xml);
        var names = xml.NameTable;
        const XmlAttributeKind U64 = XmlAttributeKind.UInt64, U32 = XmlAttributeKind.UInt32;
        var superblock = new XmlAttributeSet(names, "superblock",
            ("uuid", XmlAttributeKind.String, false), ("block_size", U32, false), ("nr_blocks", U64, false), ("current_era", U32, false));
        _writeset = new(names, "writeset", ("era", U32, false), ("nr_bits", U32, false));
        _eraArray = new(names, "era_array");
        _bit = new(names, "bit", ("block", U32, false), ("value", XmlAttributeKind.Boolean, false));
        _era = new(names, "era", ("block", U64, false), ("era", U32, false));
        Span<ulong> n = stackalloc ulong[4];
        var s = new string?[4];
        _dump.ReadSuperblock(superblock, blockSizeIndex: 1, n, s);
        Superblock = new EraSuperblock(s[0]!, Sectors.FromCount((long)n[1]), n[2], (uint)n[3]);
    }

    /// <summary>The header, read when the reader was opened.</summary>
    public EraSuperblock Superblock { get; }

    /// <summary>Opens an era_dump XML file and reads its superblock.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A reader positioned before the first section.</returns>
    /// <exception cref="DmpdParseException">The document does not start with a valid superblock.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static EraDumpReader Open(string path) => Open(StrictXmlReader.OpenFile(path));

    /// <summary>Opens era_dump XML from a stream and reads its superblock.</summary>
    /// <param name="stream">UTF-8 XML.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the reader is disposed.</param>
    /// <returns>A reader positioned before the first section.</returns>
    /// <exception cref="DmpdParseException">The document does not start with a valid superblock.</exception>
    public static EraDumpReader Open(Stream stream, bool leaveOpen = false) => new(new StrictXmlReader(stream, DocumentName, leaveOpen));

    /// <summary>Opens era_dump XML from text and reads its superblock.</summary>
    /// <param name="text">The XML.</param>
    /// <param name="leaveOpen">True to leave <paramref name="text"/> open when the reader is disposed.</param>
    /// <returns>A reader positioned before the first section.</returns>
    /// <exception cref="DmpdParseException">The document does not start with a valid superblock.</exception>
    public static EraDumpReader Open(TextReader text, bool leaveOpen = false) => new(new StrictXmlReader(text, DocumentName, leaveOpen));

    /// <summary>Moves to the next writeset or the era array, reading (and checking) what is left of the current one.</summary>
    /// <param name="section">The section now current.</param>
    /// <returns>False after the last section, once the document's end has been checked.</returns>
    /// <exception cref="DmpdParseException">The document is malformed, or a writeset follows the era array.</exception>
    public bool TryReadSection(out EraDumpSection section)
    {
        while (_dump.SectionOpen && (_dump.Section!.Value.IsWriteset ? TryReadBit(out _) : TryReadEra(out _)))
        {
        }

        section = default;
        if (!_dump.TryMoveToSection())
        {
            return false;
        }

        var xml = _dump.Xml;
        Span<ulong> n = stackalloc ulong[2];
        if (!_arraySeen && xml.IsAt(_writeset))
        {
            xml.ReadAttributes(_writeset, n, default);
            section = new EraDumpSection(true, (uint)n[0], (uint)n[1]);
        }
        else if (!_arraySeen && xml.IsAt(_eraArray))
        {
            xml.ReadAttributes(_eraArray, default, default);
            _arraySeen = true;
            section = new EraDumpSection(false, 0, 0);
        }
        else
        {
            throw xml.Unexpected("<writeset>, then one <era_array>, or </superblock>");
        }

        _dump.StartSection(section);
        return true;
    }

    /// <summary>Reads the current writeset's next bit.</summary>
    /// <param name="bit">The bit, when there is one.</param>
    /// <returns>False at the end of the writeset.</returns>
    /// <exception cref="InvalidOperationException">The current section is not a writeset.</exception>
    /// <exception cref="DmpdParseException">The document is malformed here.</exception>
    public bool TryReadBit(out EraWritesetBit bit)
    {
        bit = default;
        Span<ulong> n = stackalloc ulong[2];
        if (!TryReadEntry(writeset: true, _bit, n))
        {
            return false;
        }

        _dump.Xml.FinishLeaf();
        bit = new EraWritesetBit((uint)n[0], n[1] != 0);
        return true;
    }

    /// <summary>Reads the era array's next entry.</summary>
    /// <param name="era">The entry, when there is one.</param>
    /// <returns>False at the end of the era array.</returns>
    /// <exception cref="InvalidOperationException">The current section is not the era array.</exception>
    /// <exception cref="DmpdParseException">The document is malformed here.</exception>
    public bool TryReadEra(out EraBlock era)
    {
        era = default;
        Span<ulong> n = stackalloc ulong[2];
        if (!TryReadEntry(writeset: false, _era, n))
        {
            return false;
        }

        _dump.Xml.FinishLeaf();
        era = new EraBlock(n[0], (uint)n[1]);
        return true;
    }

    /// <summary>Reads every remaining section into memory.</summary>
    /// <returns>The whole document (sections already passed are missing).</returns>
    /// <exception cref="DmpdParseException">The document is malformed.</exception>
    public EraMetadata ReadToEnd()
    {
        var writesets = new List<EraWriteset>();
        List<EraBlock>? eras = null;
        while (TryReadSection(out var section))
        {
            if (section.IsWriteset)
            {
                var bits = new List<EraWritesetBit>();
                while (TryReadBit(out var bit))
                {
                    bits.Add(bit);
                }

                writesets.Add(new EraWriteset(section.Era, section.NrBits, bits));
            }
            else
            {
                eras = [];
                while (TryReadEra(out var era))
                {
                    eras.Add(era);
                }
            }
        }

        return new EraMetadata(Superblock, writesets, eras);
    }

    /// <summary>Closes the underlying input.</summary>
    public void Dispose() => _dump.Dispose();

    private bool TryReadEntry(bool writeset, XmlAttributeSet entry, Span<ulong> numbers)
    {
        if (_dump.Section is not { } current || current.IsWriteset != writeset)
        {
            throw new InvalidOperationException($"era_dump reader: the current section is not {(writeset ? "a writeset" : "the era array")}");
        }

        return _dump.TryReadEntry(entry, null, numbers, default);
    }
}
