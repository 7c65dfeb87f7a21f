namespace Sts.Dmpd.Formats.Cache;

/// <summary>
/// A whole cache_dump document in memory (stream large ones with <see cref="CacheDumpReader"/>). A section the document does not have is null (cache_dump 0.9.0
/// always writes mappings and hints, never discards), so writing it back reproduces the input.
/// </summary>
/// <param name="Superblock">The header.</param>
/// <param name="Mappings">The <c>&lt;mappings&gt;</c> section, or null when absent.</param>
/// <param name="Hints">The <c>&lt;hints&gt;</c> section, or null when absent.</param>
/// <param name="Discards">The <c>&lt;discards&gt;</c> section, or null when absent.</param>
public sealed record CacheMetadata(
    CacheSuperblock Superblock,
    IReadOnlyList<CacheMapping>? Mappings,
    IReadOnlyList<CacheHint>? Hints,
    IReadOnlyList<CacheDiscard>? Discards = null)
{
    /// <summary>Reads a cache_dump document from a file.</summary>
    /// <param name="path">The XML file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="DmpdParseException">The file is not a well-formed cache_dump document.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CacheMetadata Load(string path)
    {
        using var reader = CacheDumpReader.Open(path);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a cache_dump document from a stream.</summary>
    /// <param name="stream">UTF-8 XML; left open.</param>
    /// <returns>The model.</returns>
    /// <exception cref="DmpdParseException">The input is not a well-formed cache_dump document.</exception>
    public static CacheMetadata Read(Stream stream)
    {
        using var reader = CacheDumpReader.Open(stream, leaveOpen: true);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a cache_dump document from text (e.g. cache_dump's standard output).</summary>
    /// <param name="xml">The XML.</param>
    /// <returns>The model.</returns>
    /// <exception cref="DmpdParseException">The text is not a well-formed cache_dump document.</exception>
    public static CacheMetadata Parse(string xml)
    {
        using var reader = CacheDumpReader.Open(new StringReader(xml));
        return reader.ReadToEnd();
    }

    /// <summary>Writes the document as cache_dump 0.9.0 does.</summary>
    /// <returns>The XML text.</returns>
    public string ToXml()
    {
        var text = new StringWriter { NewLine = "\n" };
        CacheDumpWriter.Write(text, this);
        return text.ToString();
    }

    /// <summary>Writes the document as cache_dump 0.9.0 does to a file, replacing it.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        CacheDumpWriter.Write(stream, this);
    }
}
