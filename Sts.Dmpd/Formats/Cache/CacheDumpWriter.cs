namespace Sts.Dmpd.Formats.Cache;

/// <summary>Writes cache_dump XML exactly as cache_dump 0.9.0 does; sections that are null are left out.</summary>
public static class CacheDumpWriter
{
    /// <summary>Writes a document to a stream (UTF-8, no byte order mark); the stream is left open.</summary>
    /// <param name="output">Where the XML goes.</param>
    /// <param name="metadata">The model.</param>
    public static void Write(Stream output, CacheMetadata metadata)
    {
        using var writer = new XmlLineWriter(output, leaveOpen: true);
        Write(writer, metadata);
    }

    /// <summary>Writes a document to text; the writer is left open.</summary>
    /// <param name="output">Where the XML goes.</param>
    /// <param name="metadata">The model.</param>
    public static void Write(TextWriter output, CacheMetadata metadata)
    {
        using var writer = new XmlLineWriter(output, leaveOpen: true);
        Write(writer, metadata);
    }

    private static void Write(XmlLineWriter w, CacheMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var sb = metadata.Superblock;
        w.Open(0, "superblock");
        w.Attribute("uuid", sb.Uuid);
        w.Attribute("block_size", (ulong)sb.BlockSize.Count);
        w.Attribute("nr_cache_blocks", sb.NrCacheBlocks);
        w.Attribute("policy", sb.Policy);
        w.Attribute("hint_width", sb.HintWidth);
        w.CloseStart();
        if (metadata.Mappings is { } mappings)
        {
            w.Open(1, "mappings");
            w.CloseStart();
            foreach (var m in mappings)
            {
                w.Open(2, "mapping");
                w.Attribute("cache_block", m.CacheBlock);
                w.Attribute("origin_block", m.OriginBlock);
                w.Attribute("dirty", m.Dirty);
                w.CloseEmpty();
            }

            w.End(1, "mappings");
        }

        if (metadata.Hints is { } hints)
        {
            w.Open(1, "hints");
            w.CloseStart();
            foreach (var h in hints)
            {
                w.Open(2, "hint");
                w.Attribute("cache_block", h.CacheBlock);
                w.Attribute("data", h.Data);
                w.CloseEmpty();
            }

            w.End(1, "hints");
        }

        if (metadata.Discards is { } discards)
        {
            w.Open(1, "discards");
            w.CloseStart();
            foreach (var d in discards)
            {
                w.Open(2, "discard");
                w.Attribute("dbegin", d.DBegin);
                w.Attribute("dend", d.DEnd);
                w.CloseEmpty();
            }

            w.End(1, "discards");
        }

        w.End(0, "superblock");
    }
}
