namespace Sts.Dmpd.Formats.Thin;

/// <summary>
/// Writes thin_dump XML exactly as thin_dump 0.9.0 does (same attribute order, two-space
/// indentation, <c>"\n"</c> line ends), streaming: a superblock, then devices and their
/// mappings as they come, so a million mappings can be generated without holding them.
/// The writer does not judge what it writes: crafted damage (zero-length ranges, wrong counts)
/// is written as given.
/// </summary>
public sealed class ThinDumpWriter : IDisposable
{
    private readonly XmlLineWriter _out;
    private State _state;

    private enum State
    {
        Start,
        InSuperblock,
        InDevice,
        Done,
    }

    /// <summary>Creates a writer over a stream (UTF-8, no byte order mark).</summary>
    /// <param name="output">Where the XML goes.</param>
    /// <param name="leaveOpen">True to leave <paramref name="output"/> open when the writer is disposed.</param>
    public ThinDumpWriter(Stream output, bool leaveOpen = false) => _out = new XmlLineWriter(output, leaveOpen);

    /// <summary>Creates a writer over text.</summary>
    /// <param name="output">Where the XML goes.</param>
    /// <param name="leaveOpen">True to leave <paramref name="output"/> open when the writer is disposed.</param>
    public ThinDumpWriter(TextWriter output, bool leaveOpen = false) => _out = new XmlLineWriter(output, leaveOpen);

    /// <summary>Opens the document with its superblock.</summary>
    /// <param name="superblock">The pool header.</param>
    /// <exception cref="InvalidOperationException">The superblock was already written.</exception>
    public void WriteStartSuperblock(ThinSuperblock superblock)
    {
        ArgumentNullException.ThrowIfNull(superblock);
        Expect(State.Start, "the superblock was already written");
        _out.Open(0, "superblock");
        _out.Attribute("uuid", superblock.Uuid);
        _out.Attribute("time", superblock.Time);
        _out.Attribute("transaction", superblock.Transaction);
        if (superblock.Flags is { } flags)
        {
            _out.Attribute("flags", flags);
        }

        if (superblock.Version is { } version)
        {
            _out.Attribute("version", version);
        }

        _out.Attribute("data_block_size", (ulong)superblock.DataBlockSize.Count);
        _out.Attribute("nr_data_blocks", superblock.NrDataBlocks);
        if (superblock.MetadataSnap is { } snap)
        {
            _out.Attribute("metadata_snap", snap);
        }

        _out.CloseStart();
        _state = State.InSuperblock;
    }

    /// <summary>Opens a device; its mappings follow with <see cref="WriteMapping"/>.</summary>
    /// <param name="device">The device header.</param>
    /// <exception cref="InvalidOperationException">No superblock is open, or a device is still open.</exception>
    public void WriteStartDevice(ThinDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Expect(State.InSuperblock, "a device can only start inside the superblock, after the previous device ended");
        _out.Open(1, "device");
        _out.Attribute("dev_id", device.DevId);
        _out.Attribute("mapped_blocks", device.MappedBlocks);
        _out.Attribute("transaction", device.Transaction);
        _out.Attribute("creation_time", device.CreationTime);
        _out.Attribute("snap_time", device.SnapTime);
        _out.CloseStart();
        _state = State.InDevice;
    }

    /// <summary>Writes a mapping of the open device, as a single or range mapping per <see cref="ThinMapping.IsSingle"/>.</summary>
    /// <param name="mapping">The mapping.</param>
    /// <exception cref="InvalidOperationException">No device is open.</exception>
    public void WriteMapping(in ThinMapping mapping)
    {
        Expect(State.InDevice, "mappings belong inside a device");
        if (mapping.IsSingle)
        {
            _out.Open(2, "single_mapping");
            _out.Attribute("origin_block", mapping.OriginBegin);
            _out.Attribute("data_block", mapping.DataBegin);
        }
        else
        {
            _out.Open(2, "range_mapping");
            _out.Attribute("origin_begin", mapping.OriginBegin);
            _out.Attribute("data_begin", mapping.DataBegin);
            _out.Attribute("length", mapping.Length);
        }

        _out.Attribute("time", mapping.Time);
        _out.CloseEmpty();
    }

    /// <summary>Closes the open device.</summary>
    /// <exception cref="InvalidOperationException">No device is open.</exception>
    public void WriteEndDevice()
    {
        Expect(State.InDevice, "no device is open");
        _out.End(1, "device");
        _state = State.InSuperblock;
    }

    /// <summary>Closes the superblock and flushes; the document is complete.</summary>
    /// <exception cref="InvalidOperationException">No superblock is open, or a device is still open.</exception>
    public void WriteEndSuperblock()
    {
        Expect(State.InSuperblock, "the superblock is not open or a device is still open");
        _out.End(0, "superblock");
        _out.Flush();
        _state = State.Done;
    }

    /// <summary>Writes a device with all its mappings (streamed from any sequence).</summary>
    /// <param name="device">The device header.</param>
    /// <param name="mappings">Its mappings, enumerated once.</param>
    /// <exception cref="InvalidOperationException">No superblock is open, or a device is still open.</exception>
    public void WriteDevice(ThinDevice device, IEnumerable<ThinMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        WriteStartDevice(device);
        foreach (var mapping in mappings)
        {
            WriteMapping(mapping);
        }

        WriteEndDevice();
    }

    /// <summary>Writes a whole document.</summary>
    /// <param name="metadata">The model.</param>
    /// <exception cref="InvalidOperationException">Something was already written.</exception>
    public void Write(ThinMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        WriteStartSuperblock(metadata.Superblock);
        foreach (var device in metadata.Devices)
        {
            WriteDevice(device.Device, device.Mappings);
        }

        WriteEndSuperblock();
    }

    /// <summary>Flushes and closes the output (unless left open). An unfinished document stays unfinished.</summary>
    public void Dispose() => _out.Dispose();

    private void Expect(State state, string problem)
    {
        if (_state != state)
        {
            throw new InvalidOperationException($"thin_dump XML writer: {problem}");
        }
    }
}
