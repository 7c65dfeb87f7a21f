namespace Sts.Dmpd.Formats.Era;

/// <summary>
/// A whole era_dump document in memory (stream large ones with <see cref="EraDumpReader"/>): the superblock, the archived writesets (none with
/// <c>era_dump --logical</c>, which folds them into the array) and the era array.
/// </summary>
/// <param name="Superblock">The header.</param>
/// <param name="Writesets">The writesets in document order.</param>
/// <param name="EraArray">The <c>&lt;era_array&gt;</c>, or null when the document has none.</param>
public sealed record EraMetadata(EraSuperblock Superblock, IReadOnlyList<EraWriteset> Writesets, IReadOnlyList<EraBlock>? EraArray)
{
    /// <summary>Reads an era_dump document from a file.</summary>
    /// <param name="path">The XML file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="DmpdParseException">The file is not a well-formed era_dump document.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static EraMetadata Load(string path)
    {
        using var reader = EraDumpReader.Open(path);
        return reader.ReadToEnd();
    }

    /// <summary>Reads an era_dump document from a stream.</summary>
    /// <param name="stream">UTF-8 XML; left open.</param>
    /// <returns>The model.</returns>
    /// <exception cref="DmpdParseException">The input is not a well-formed era_dump document.</exception>
    public static EraMetadata Read(Stream stream)
    {
        using var reader = EraDumpReader.Open(stream, leaveOpen: true);
        return reader.ReadToEnd();
    }

    /// <summary>Reads an era_dump document from text (e.g. era_dump's standard output).</summary>
    /// <param name="xml">The XML.</param>
    /// <returns>The model.</returns>
    /// <exception cref="DmpdParseException">The text is not a well-formed era_dump document.</exception>
    public static EraMetadata Parse(string xml)
    {
        using var reader = EraDumpReader.Open(new StringReader(xml));
        return reader.ReadToEnd();
    }

    /// <summary>Writes the document as era_dump 0.9.0 does.</summary>
    /// <returns>The XML text.</returns>
    public string ToXml()
    {
        var text = new StringWriter { NewLine = "\n" };
        EraDumpWriter.Write(text, this);
        return text.ToString();
    }

    /// <summary>Writes the document as era_dump 0.9.0 does to a file, replacing it.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        EraDumpWriter.Write(stream, this);
    }
}
