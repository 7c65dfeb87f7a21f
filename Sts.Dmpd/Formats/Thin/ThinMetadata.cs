namespace Sts.Dmpd.Formats.Thin;

/// <summary>
/// A whole thin_dump document in memory: for small metadata, crafted damage and assertions.
/// Large metadata should stream through <see cref="ThinDumpReader"/> and
/// <see cref="ThinDumpWriter"/> instead.
/// </summary>
/// <param name="Superblock">The pool header.</param>
/// <param name="Devices">The devices with their mappings, in document order.</param>
public sealed record ThinMetadata(ThinSuperblock Superblock, IReadOnlyList<ThinDeviceMappings> Devices)
{
    /// <summary>Reads a whole document from a file.</summary>
    /// <param name="path">The thin_dump XML file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="DmpdParseException">The file is not a well-formed thin_dump document.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ThinMetadata Load(string path)
    {
        using var reader = ThinDumpReader.Open(path);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a whole document from a stream (e.g. thin_dump's standard output).</summary>
    /// <param name="stream">UTF-8 XML; left open.</param>
    /// <returns>The model.</returns>
    /// <exception cref="DmpdParseException">The input is not a well-formed thin_dump document.</exception>
    public static ThinMetadata Read(Stream stream)
    {
        using var reader = ThinDumpReader.Open(stream, leaveOpen: true);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a whole document from a string (e.g. thin_dump's standard output).</summary>
    /// <param name="xml">The XML text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="DmpdParseException">The text is not a well-formed thin_dump document.</exception>
    public static ThinMetadata Parse(string xml)
    {
        using var reader = ThinDumpReader.Open(new StringReader(xml));
        return reader.ReadToEnd();
    }

    /// <summary>The device with the given id.</summary>
    /// <param name="devId">The thin device id.</param>
    /// <returns>The device and its mappings.</returns>
    /// <exception cref="KeyNotFoundException">No device has that id.</exception>
    public ThinDeviceMappings Device(uint devId) =>
        Devices.FirstOrDefault(d => d.Device.DevId == devId) ?? throw new KeyNotFoundException($"no thin device {devId} in the metadata");

    /// <summary>Writes the document in thin_dump's format.</summary>
    /// <returns>The XML text.</returns>
    public string ToXml()
    {
        var text = new StringWriter { NewLine = "\n" };
        using (var writer = new ThinDumpWriter(text, leaveOpen: true))
        {
            writer.Write(this);
        }

        return text.ToString();
    }

    /// <summary>Writes the document in thin_dump's format to a file, replacing it.</summary>
    /// <param name="path">The file to write.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path)
    {
        using var writer = new ThinDumpWriter(File.Create(path), leaveOpen: false);
        writer.Write(this);
    }
}
