using System.Xml;
using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Cache;

/// <summary>Reads cache_dump XML strictly: sections in cache_dump's order (mappings, hints, discards), each optional.</summary>
internal sealed class CacheDumpParser
{
    public const string DocumentName = "cache_dump XML";

    private readonly StrictXmlReader _xml;
    private readonly XmlAttributeSet _superblock;
    private readonly XmlAttributeSet _mapping;
    private readonly XmlAttributeSet _hint;
    private readonly XmlAttributeSet _discard;
    private readonly string _mappings;
    private readonly string _hints;
    private readonly string _discards;

    public CacheDumpParser(StrictXmlReader xml)
    {
        _xml = xml;
        var names = xml.NameTable;
        const XmlAttributeKind U64 = XmlAttributeKind.UInt64, U32 = XmlAttributeKind.UInt32, Str = XmlAttributeKind.String;
        _superblock = new(names, "superblock",
            ("uuid", Str, false), ("block_size", U32, false), ("nr_cache_blocks", U64, false), ("policy", Str, false), ("hint_width", U32, false));
        _mapping = new(names, "mapping", ("cache_block", U64, false), ("origin_block", U64, false), ("dirty", XmlAttributeKind.Boolean, false));
        _hint = new(names, "hint", ("cache_block", U64, false), ("data", Str, false));
        _discard = new(names, "discard", ("dbegin", U64, false), ("dend", U64, false));
        _mappings = names.Add("mappings");
        _hints = names.Add("hints");
        _discards = names.Add("discards");
    }

    public CacheMetadata Parse()
    {
        _xml.ExpectStart(_superblock.Element);
        Span<ulong> n = stackalloc ulong[5];
        var s = new string?[5];
        _xml.ReadAttributes(_superblock, n, s);
        var superblock = new CacheSuperblock(s[0]!, Sectors.FromCount((long)n[1]), n[2], s[3]!, (uint)n[4]);
        List<CacheMapping>? mappings = null;
        List<CacheHint>? hints = null;
        List<CacheDiscard>? discards = null;
        if (!_xml.IsEmptyElement)
        {
            var section = 0;
            while (_xml.Next() == XmlNodeType.Element)
            {
                var name = _xml.Name;
                if (ReferenceEquals(name, _mappings) && section < 1)
                {
                    section = 1;
                    mappings = ReadSection(_mapping, () =>
                    {
                        Span<ulong> v = stackalloc ulong[3];
                        _xml.ReadAttributes(_mapping, v, default);
                        return new CacheMapping(v[0], v[1], v[2] != 0);
                    });
                }
                else if (ReferenceEquals(name, _hints) && section < 2)
                {
                    section = 2;
                    hints = ReadSection(_hint, ReadHint);
                }
                else if (ReferenceEquals(name, _discards) && section < 3)
                {
                    section = 3;
                    discards = ReadSection(_discard, () =>
                    {
                        Span<ulong> v = stackalloc ulong[2];
                        _xml.ReadAttributes(_discard, v, default);
                        return new CacheDiscard(v[0], v[1]);
                    });
                }
                else
                {
                    throw _xml.Unexpected("<mappings>, <hints> or <discards>, once each and in that order, or </superblock>");
                }
            }
        }

        _xml.ExpectEndOfDocument();
        return new CacheMetadata(superblock, mappings, hints, discards);
    }

    private CacheHint ReadHint()
    {
        Span<ulong> v = stackalloc ulong[2];
        var s = new string?[2];
        _xml.ReadAttributes(_hint, v, s);
        var data = s[1]!;
        Span<byte> bytes = data.Length <= 256 ? stackalloc byte[data.Length] : new byte[data.Length];
        if (!Convert.TryFromBase64String(data, bytes, out _))
        {
            throw _xml.Error("the hint's data is not base64", data);
        }

        return new CacheHint(v[0], data);
    }

    private List<T> ReadSection<T>(XmlAttributeSet item, Func<T> read)
    {
        var list = new List<T>();
        _xml.ReadAttributes(new XmlAttributeSet(_xml.NameTable, _xml.Name), default, default);
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
