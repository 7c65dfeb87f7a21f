using System.Diagnostics.CodeAnalysis;
using System.Xml;
using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Thin;

/// <summary>
/// Reads thin_dump XML as a stream: the superblock on opening, then devices one by one and each
/// device's mappings one by one, so memory stays constant however many mappings the metadata
/// holds. Forward only; strict: anything thin_restore 0.9.0 would not accept, and anything
/// thin_dump would not write (unknown elements or attributes, text content), throws
/// <see cref="DmpdParseException"/> with the line and column.
/// </summary>
/// <example>
/// <code>
/// using var dump = ThinDumpReader.Open("pool.xml");
/// while (dump.TryReadDevice(out var device))
///     while (dump.TryReadMapping(out var mapping)) { ... }
/// </code>
/// </example>
public sealed class ThinDumpReader : IDisposable
{
    private const string DocumentName = "thin_dump XML";

    private readonly StrictXmlReader _xml;
    private readonly XmlAttributeSet _deviceAttributes;
    private readonly XmlAttributeSet _singleAttributes;
    private readonly XmlAttributeSet _rangeAttributes;
    private State _state;
    private StreamedThinDevice? _current;

    private enum State
    {
        BetweenDevices,
        InDevice,
        InEmptyDevice,
        Done,
    }

    private ThinDumpReader(StrictXmlReader xml)
    {
        _xml = xml;
        var names = xml.NameTable;
        const XmlAttributeKind U64 = XmlAttributeKind.UInt64, U32 = XmlAttributeKind.UInt32;
        var superblock = new XmlAttributeSet(names, "superblock",
            ("uuid", XmlAttributeKind.String, false), ("time", U64, false), ("transaction", U64, false),
            ("flags", U32, true), ("version", U32, true), ("data_block_size", U32, false),
            ("nr_data_blocks", U64, false), ("metadata_snap", U64, true));
        _deviceAttributes = new(names, "device",
            ("dev_id", U32, false), ("mapped_blocks", U64, false), ("transaction", U64, false),
            ("creation_time", U64, false), ("snap_time", U64, false));
        _singleAttributes = new(names, "single_mapping", ("origin_block", U64, false), ("data_block", U64, false), ("time", U32, false));
        _rangeAttributes = new(names, "range_mapping",
            ("origin_begin", U64, false), ("data_begin", U64, false), ("length", U64, false), ("time", U32, false));
        Span<ulong> n = stackalloc ulong[8];
        var s = new string?[8];
        var seen = xml.ReadRootOrDispose(superblock, blockSizeIndex: 5, n, s, out var empty);
        Superblock = new ThinSuperblock(
            s[0]!, n[1], n[2],
            // 0.9 always prints flags="N"; 1.x prints flags only when a flag is set (flags="1" for
            // needs_check: `if sb.flags.needs_check { Some(1) } else { None }` in src/thin/dump.rs),
            // and tools before 0.7 had none: an absent attribute is no flag set, in every generation.
            (seen & (1 << 3)) != 0 ? (uint)n[3] : 0u,
            (seen & (1 << 4)) != 0 ? (uint)n[4] : null,
            Sectors.FromCount((long)n[5]), n[6],
            (seen & (1 << 7)) != 0 ? n[7] : null);
        _state = empty ? State.Done : State.BetweenDevices;
    }

    /// <summary>The pool header, read when the reader was opened.</summary>
    public ThinSuperblock Superblock { get; }

    /// <summary>How many mapping elements have been read so far.</summary>
    public long MappingsRead { get; private set; }

    /// <summary>Opens a thin_dump XML file and reads its superblock.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A reader positioned before the first device.</returns>
    /// <exception cref="DmpdParseException">The document does not start with a valid superblock.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static ThinDumpReader Open(string path) => Open(StrictXmlReader.OpenFile(path));

    /// <summary>Opens a thin_dump XML stream (a file, a tool's standard output) and reads its superblock.</summary>
    /// <param name="stream">UTF-8 XML.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the reader is disposed.</param>
    /// <returns>A reader positioned before the first device.</returns>
    /// <exception cref="DmpdParseException">The document does not start with a valid superblock.</exception>
    public static ThinDumpReader Open(Stream stream, bool leaveOpen = false) => new(new StrictXmlReader(stream, DocumentName, leaveOpen));

    /// <summary>Opens thin_dump XML from text and reads its superblock.</summary>
    /// <param name="text">The XML.</param>
    /// <param name="leaveOpen">True to leave <paramref name="text"/> open when the reader is disposed.</param>
    /// <returns>A reader positioned before the first device.</returns>
    /// <exception cref="DmpdParseException">The document does not start with a valid superblock.</exception>
    public static ThinDumpReader Open(TextReader text, bool leaveOpen = false) => new(new StrictXmlReader(text, DocumentName, leaveOpen));

    /// <summary>
    /// Moves to the next device, skipping (but still checking) any mappings of the current one
    /// that were not read.
    /// </summary>
    /// <param name="device">The device header, when there is one.</param>
    /// <returns>False after the last device, once the document's end has been checked.</returns>
    /// <exception cref="DmpdParseException">The document is malformed at this point.</exception>
    public bool TryReadDevice([NotNullWhen(true)] out ThinDevice? device)
    {
        while (TryReadMapping(out _))
        {
        }

        device = null;
        if (_state == State.Done)
        {
            return false;
        }

        if (_xml.Next() == XmlNodeType.EndElement)
        {
            _xml.ExpectEndOfDocument();
            _state = State.Done;
            return false;
        }

        if (!_xml.IsAt(_deviceAttributes))
        {
            throw _xml.Unexpected("<device> or </superblock>");
        }

        Span<ulong> n = stackalloc ulong[5];
        _xml.ReadAttributes(_deviceAttributes, n, default);
        device = new ThinDevice((uint)n[0], n[1], n[2], n[3], n[4]);
        _state = _xml.IsEmptyElement ? State.InEmptyDevice : State.InDevice;
        return true;
    }

    /// <summary>Reads the current device's next mapping.</summary>
    /// <param name="mapping">The mapping, when there is one.</param>
    /// <returns>False at the end of the current device (or when no device is current).</returns>
    /// <exception cref="DmpdParseException">The document is malformed at this point.</exception>
    public bool TryReadMapping(out ThinMapping mapping)
    {
        mapping = default;
        if (_state != State.InDevice)
        {
            if (_state == State.InEmptyDevice)
            {
                _state = State.BetweenDevices;
            }

            return false;
        }

        if (_xml.Next() == XmlNodeType.EndElement)
        {
            _state = State.BetweenDevices;
            return false;
        }

        Span<ulong> n = stackalloc ulong[4];
        if (_xml.IsAt(_rangeAttributes))
        {
            _xml.ReadAttributes(_rangeAttributes, n, default);
            mapping = new ThinMapping(n[0], n[1], n[2], (uint)n[3], false);
        }
        else if (_xml.IsAt(_singleAttributes))
        {
            _xml.ReadAttributes(_singleAttributes, n, default);
            mapping = new ThinMapping(n[0], n[1], 1, (uint)n[2], true);
        }
        else
        {
            throw _xml.Unexpected("<range_mapping>, <single_mapping> or </device>");
        }

        _xml.FinishLeaf();
        MappingsRead++;
        return true;
    }

    /// <summary>
    /// The remaining devices as a sequence; each one's <see cref="StreamedThinDevice.Mappings"/>
    /// can be enumerated once, before moving to the next device.
    /// </summary>
    /// <returns>A lazy, single-pass sequence.</returns>
    /// <exception cref="DmpdParseException">The document is malformed (thrown while enumerating).</exception>
    public IEnumerable<StreamedThinDevice> ReadDevices()
    {
        while (TryReadDevice(out var device))
        {
            _current = new StreamedThinDevice(this, device);
            yield return _current;
        }

        _current = null;
    }

    /// <summary>Reads every remaining device and mapping into memory.</summary>
    /// <returns>The whole document.</returns>
    /// <exception cref="DmpdParseException">The document is malformed.</exception>
    public ThinMetadata ReadToEnd()
    {
        var devices = new List<ThinDeviceMappings>();
        while (TryReadDevice(out var device))
        {
            var mappings = new List<ThinMapping>();
            while (TryReadMapping(out var mapping))
            {
                mappings.Add(mapping);
            }

            devices.Add(new ThinDeviceMappings(device, mappings));
        }

        return new ThinMetadata(Superblock, devices);
    }

    internal IEnumerable<ThinMapping> MappingsOf(StreamedThinDevice device)
    {
        if (!ReferenceEquals(device, _current) || _state is not (State.InDevice or State.InEmptyDevice))
        {
            throw new InvalidOperationException($"the mappings of thin device {device.Device.DevId} were already read or skipped");
        }

        while (ReferenceEquals(device, _current) && TryReadMapping(out var mapping))
        {
            yield return mapping;
        }
    }

    /// <summary>Closes the underlying input.</summary>
    public void Dispose() => _xml.Dispose();
}
