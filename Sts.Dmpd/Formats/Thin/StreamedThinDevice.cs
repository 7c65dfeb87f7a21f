namespace Sts.Dmpd.Formats.Thin;

/// <summary>
/// A device met while streaming a thin_dump document: its header, and its mappings read lazily
/// from the document as they are enumerated.
/// </summary>
public sealed class StreamedThinDevice
{
    private readonly ThinDumpReader _reader;

    internal StreamedThinDevice(ThinDumpReader reader, ThinDevice device)
    {
        _reader = reader;
        Device = device;
    }

    /// <summary>The device header.</summary>
    public ThinDevice Device { get; }

    /// <summary>
    /// The device's mappings, read from the document while enumerated. Single pass: it may be
    /// enumerated once, before the reader moves to the next device.
    /// </summary>
    /// <exception cref="InvalidOperationException">The mappings were already read or skipped (thrown when enumerated).</exception>
    /// <exception cref="DmpdParseException">The document is malformed (thrown when enumerated).</exception>
    public IEnumerable<ThinMapping> Mappings => _reader.MappingsOf(this);
}
