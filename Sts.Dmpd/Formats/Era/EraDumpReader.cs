using System.Xml;
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

    private readonly StrictXmlReader _xml;
    private readonly XmlAttributeSet _writeset;
    private readonly XmlAttributeSet _eraArray;
    private readonly XmlAttributeSet _bit;
    private readonly XmlAttributeSet _era;
    private EraDumpSection? _section;
    private bool _sectionOpen;
    private bool _done;
    private bool _arraySeen;

    private EraDumpReader(StrictXmlReader xml)
    {
        _xml = xml;
        var names = xml.NameTable;
        const XmlAttributeKind U64 = XmlAttributeKind.UInt64, U32 = XmlAttributeKind.UInt32;
        var superblock = new XmlAttributeSet(names, "superblock",
            ("uuid", XmlAttributeKind.String, false), ("block_size", U32, false), ("nr_blocks", U64, false), ("current_era", U32, false));
        _writeset = new(names, "writeset", ("era", U32, false), ("nr_bits", U32, false));
        _eraArray = new(names, "era_array");
        _bit = new(names, "bit", ("block", U32, false), ("value", XmlAttributeKind.Boolean, false));
        _era = new(names, "era", ("block", U64, false), ("era", U32, false));
        try
        {
            _xml.ExpectStart(superblock.Element);
            Span<ulong> n = stackalloc ulong[4];
            var s = new string?[4];
            _xml.ReadAttributes(superblock, n, s);
            if (n[1] == 0)
            {
                throw _xml.Error("block_size must not be 0", "0");
            }

            Superblock = new EraSuperblock(s[0]!, Sectors.FromCount((long)n[1]), n[2], (uint)n[3]);
            if (_xml.IsEmptyElement)
            {
                _xml.ExpectEndOfDocument();
                _done = true;
            }
        }
        catch
        {
            xml.Dispose();
            throw;
        }
    }

    /// <summary>The header, read when the reader was opened.</summary>
    public EraSuperblock Superblock { get; }

    /// <summary>Opens an era_dump XML file and reads its superblock.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A reader positioned before the first section.</returns>
    /// <exception cref="DmpdParseException">The document does not start with a valid superblock.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static EraDumpReader Open(string path) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));

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
        while (_sectionOpen && (_section!.Value.IsWriteset ? TryReadBit(out _) : TryReadEra(out _)))
        {
        }

        section = default;
        if (_done)
        {
            return false;
        }

        var node = _xml.Next();
        if (node == XmlNodeType.EndElement)
        {
            _xml.ExpectEndOfDocument();
            _done = true;
            _section = null;
            return false;
        }

        Span<ulong> n = stackalloc ulong[2];
        if (node == XmlNodeType.Element && !_arraySeen && ReferenceEquals(_xml.Name, _writeset.Element))
        {
            _xml.ReadAttributes(_writeset, n, default);
            section = new EraDumpSection(true, (uint)n[0], (uint)n[1]);
        }
        else if (node == XmlNodeType.Element && !_arraySeen && ReferenceEquals(_xml.Name, _eraArray.Element))
        {
            _xml.ReadAttributes(_eraArray, default, default);
            _arraySeen = true;
            section = new EraDumpSection(false, 0, 0);
        }
        else
        {
            throw _xml.Unexpected("<writeset>, then one <era_array>, or </superblock>");
        }

        _section = section;
        _sectionOpen = !_xml.IsEmptyElement;
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
        if (!Advance(writeset: true, _bit))
        {
            return false;
        }

        _xml.ReadAttributes(_bit, n, default);
        _xml.FinishLeaf();
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
        if (!Advance(writeset: false, _era))
        {
            return false;
        }

        _xml.ReadAttributes(_era, n, default);
        _xml.FinishLeaf();
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
    public void Dispose() => _xml.Dispose();

    private bool Advance(bool writeset, XmlAttributeSet item)
    {
        if (_section is not { } current || current.IsWriteset != writeset)
        {
            throw new InvalidOperationException($"era_dump reader: the current section is not {(writeset ? "a writeset" : "the era array")}");
        }

        if (!_sectionOpen)
        {
            return false;
        }

        var node = _xml.Next();
        if (node == XmlNodeType.EndElement)
        {
            _sectionOpen = false;
            return false;
        }

        if (node != XmlNodeType.Element || !ReferenceEquals(_xml.Name, item.Element))
        {
            throw _xml.Unexpected($"<{item.Element}> or the section's end");
        }

        return true;
    }
}
