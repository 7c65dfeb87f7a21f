namespace Sts.Dmpd.Formats.Era;

/// <summary>Writes era_dump XML exactly as era_dump 0.9.0 does.</summary>
public static class EraDumpWriter
{
    /// <summary>Writes a document to a stream (UTF-8, no byte order mark); the stream is left open.</summary>
    /// <param name="output">Where the XML goes.</param>
    /// <param name="metadata">The model.</param>
    public static void Write(Stream output, EraMetadata metadata) => XmlLineWriter.WriteDocument(output, metadata, Write);

    /// <summary>Writes a document to text; the writer is left open.</summary>
    /// <param name="output">Where the XML goes.</param>
    /// <param name="metadata">The model.</param>
    public static void Write(TextWriter output, EraMetadata metadata) => XmlLineWriter.WriteDocument(output, metadata, Write);

    private static void Write(XmlLineWriter w, EraMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var sb = metadata.Superblock;
        w.Open(0, "superblock");
        w.Attribute("uuid", sb.Uuid);
        w.Attribute("block_size", (ulong)sb.BlockSize.Count);
        w.Attribute("nr_blocks", sb.NrBlocks);
        w.Attribute("current_era", sb.CurrentEra);
        w.CloseStart();
        foreach (var writeset in metadata.Writesets)
        {
            w.Open(1, "writeset");
            w.Attribute("era", writeset.Era);
            w.Attribute("nr_bits", writeset.NrBits);
            w.SectionEntries("writeset", "bit", writeset.Bits, static (w, bit) =>
            {
                w.Attribute("block", bit.Block);
                w.Attribute("value", bit.Value);
            });
        }

        if (metadata.EraArray is { } eras)
        {
            w.Section("era_array", "era", eras, static (w, era) =>
            {
                w.Attribute("block", era.Block);
                w.Attribute("era", era.Era);
            });
        }

        w.End(0, "superblock");
    }
}
