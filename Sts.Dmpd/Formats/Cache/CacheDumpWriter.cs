namespace Sts.Dmpd.Formats.Cache;

/// <summary>Writes cache_dump XML exactly as cache_dump 0.9.0 does; sections that are null are left out.</summary>
public static class CacheDumpWriter
{
    /// <summary>Writes a document to a stream (UTF-8, no byte order mark); the stream is left open.</summary>
    /// <param name="output">Where the XML goes.</param>
    /// <param name="metadata">The model.</param>
    public static void Write(Stream output, CacheMetadata metadata) => XmlLineWriter.WriteDocument(output, metadata, Write);

    /// <summary>Writes a document to text; the writer is left open.</summary>
    /// <param name="output">Where the XML goes.</param>
    /// <param name="metadata">The model.</param>
    public static void Write(TextWriter output, CacheMetadata metadata) => XmlLineWriter.WriteDocument(output, metadata, Write);

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
            w.Section("mappings", "mapping", mappings, static (w, m) =>
            {
                w.Attribute("cache_block", m.CacheBlock);
                w.Attribute("origin_block", m.OriginBlock);
                w.Attribute("dirty", m.Dirty);
            });
        }

        if (metadata.Hints is { } hints)
        {
            w.Section("hints", "hint", hints, static (w, h) =>
            {
                w.Attribute("cache_block", h.CacheBlock);
                w.Attribute("data", h.Data);
            });
        }

        if (metadata.Discards is { } discards)
        {
            w.Section("discards", "discard", discards, static (w, d) =>
            {
                w.Attribute("dbegin", d.DBegin);
                w.Attribute("dend", d.DEnd);
            });
        }

        w.End(0, "superblock");
    }
}
