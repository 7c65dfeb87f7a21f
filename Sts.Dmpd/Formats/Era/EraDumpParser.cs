using System.Xml;
using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Era;

/// <summary>Reads era_dump XML strictly: writesets, then at most one era array.</summary>
internal sealed class EraDumpParser
{
    public const string DocumentName = "era_dump XML";

    private readonly StrictXmlReader _xml;
    private readonly XmlAttributeSet _superblock;
    private readonly XmlAttributeSet _writeset;
    private readonly XmlAttributeSet _bit;
    private readonly XmlAttributeSet _era;
    private readonly XmlAttributeSet _eraArrayAttributes;
    private readonly string _eraArray;

    public EraDumpParser(StrictXmlReader xml)
    {
        _xml = xml;
        var names = xml.NameTable;
        const XmlAttributeKind U64 = XmlAttributeKind.UInt64, U32 = XmlAttributeKind.UInt32;
        _superblock = new(names, "superblock",
            ("uuid", XmlAttributeKind.String, false), ("block_size", U32, false), ("nr_blocks", U64, false), ("current_era", U32, false));
        _writeset = new(names, "writeset", ("era", U32, false), ("nr_bits", U32, false));
        _bit = new(names, "bit", ("block", U32, false), ("value", XmlAttributeKind.Boolean, false));
        _era = new(names, "era", ("block", U64, false), ("era", U32, false));
        _eraArrayAttributes = new(names, "era_array");
        _eraArray = _eraArrayAttributes.Element;
    }

    public EraMetadata Parse()
    {
        _xml.ExpectStart(_superblock.Element);
        Span<ulong> n = stackalloc ulong[4];
        var s = new string?[4];
        _xml.ReadAttributes(_superblock, n, s);
        var superblock = new EraSuperblock(s[0]!, Sectors.FromCount((long)n[1]), n[2], (uint)n[3]);
        var writesets = new List<EraWriteset>();
        List<EraBlock>? eras = null;
        Span<ulong> w = stackalloc ulong[2];
        if (!_xml.IsEmptyElement)
        {
            while (_xml.Next() == XmlNodeType.Element)
            {
                if (ReferenceEquals(_xml.Name, _writeset.Element) && eras is null)
                {
                    _xml.ReadAttributes(_writeset, w, default);
                    var bits = ReadItems(_bit, () =>
                    {
                        Span<ulong> v = stackalloc ulong[2];
                        _xml.ReadAttributes(_bit, v, default);
                        return new EraWritesetBit((uint)v[0], v[1] != 0);
                    });
                    writesets.Add(new EraWriteset((uint)w[0], (uint)w[1], bits));
                }
                else if (ReferenceEquals(_xml.Name, _eraArray) && eras is null)
                {
                    _xml.ReadAttributes(_eraArrayAttributes, default, default);
                    eras = ReadItems(_era, () =>
                    {
                        Span<ulong> v = stackalloc ulong[2];
                        _xml.ReadAttributes(_era, v, default);
                        return new EraBlock(v[0], (uint)v[1]);
                    });
                }
                else
                {
                    throw _xml.Unexpected("<writeset>, then one <era_array>, or </superblock>");
                }
            }
        }

        _xml.ExpectEndOfDocument();
        return new EraMetadata(superblock, writesets, eras);
    }

    private List<T> ReadItems<T>(XmlAttributeSet item, Func<T> read)
    {
        var list = new List<T>();
        if (_xml.IsEmptyElement)
        {
            return list;
        }

        while (_xml.Next() == XmlNodeType.Element)
        {
            if (!ReferenceEquals(_xml.Name, item.Element))
            {
                throw _xml.Unexpected($"<{item.Element}>");
            }

            list.Add(read());
            _xml.FinishLeaf();
        }

        return list;
    }
}
