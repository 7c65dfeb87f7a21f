using System.Xml;
using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Reports;

/// <summary>
/// thin_delta's XML: the pool header and the diff of two thin devices as a flat list of
/// ranges in printed order (plain or --verbose output alike).
/// </summary>
/// <param name="Uuid">The superblock's uuid.</param>
/// <param name="Time">The pool time.</param>
/// <param name="Transaction">The pool's transaction id.</param>
/// <param name="DataBlockSize">The pool's data block size.</param>
/// <param name="NrDataBlocks">The pool's data block count.</param>
/// <param name="Left">The left device (--snap1).</param>
/// <param name="Right">The right device (--snap2).</param>
/// <param name="Ranges">The ranges in printed order.</param>
public sealed record ThinDeltaReport(
    string Uuid,
    ulong Time,
    ulong Transaction,
    Sectors DataBlockSize,
    ulong NrDataBlocks,
    ulong Left,
    ulong Right,
    IReadOnlyList<ThinDeltaRange> Ranges)
{
    private const string DocumentName = "thin_delta XML";

    /// <summary>The ranges of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Those ranges in printed order.</returns>
    public IEnumerable<ThinDeltaRange> Of(ThinDeltaKind kind) => Ranges.Where(r => r.Kind == kind);

    /// <summary>How many blocks are of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The sum of those ranges' lengths.</returns>
    public ulong CountBlocks(ThinDeltaKind kind) => Of(kind).Aggregate(0UL, (sum, r) => checked(sum + r.Length));

    /// <summary>Parses thin_delta's standard output.</summary>
    /// <param name="xml">The XML.</param>
    /// <returns>The report.</returns>
    /// <exception cref="DmpdParseException">The text is not thin_delta XML.</exception>
    public static ThinDeltaReport Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var x = new StrictXmlReader(new StringReader(xml), DocumentName, leaveOpen: false);
        var names = x.NameTable;
        const XmlAttributeKind U64 = XmlAttributeKind.UInt64;
        var superblock = new XmlAttributeSet(names, "superblock",
            ("uuid", XmlAttributeKind.String, false), ("time", U64, false), ("transaction", U64, false),
            ("data_block_size", XmlAttributeKind.UInt32, false), ("nr_data_blocks", U64, false), ("metadata_snap", U64, true));
        var diff = new XmlAttributeSet(names, "diff", ("left", U64, false), ("right", U64, false));
        var kinds = new Dictionary<string, ThinDeltaKind>
        {
            [names.Add("same")] = ThinDeltaKind.Same,
            [names.Add("different")] = ThinDeltaKind.Different,
            [names.Add("left_only")] = ThinDeltaKind.LeftOnly,
            [names.Add("right_only")] = ThinDeltaKind.RightOnly,
        };
        var plain = new XmlAttributeSet(names, "range", ("begin", U64, true), ("length", U64, true));
        var range = new XmlAttributeSet(names, "range", ("begin", U64, false), ("data_begin", U64, false), ("length", U64, false));
        var differentRange = new XmlAttributeSet(names, "range",
            ("begin", U64, false), ("left_data_begin", U64, false), ("right_data_begin", U64, false), ("length", U64, false));

        x.ExpectStart(superblock.Element);
        var n = new ulong[6];
        var s = new string?[6];
        x.ReadAttributes(superblock, n, s);
        var (uuid, time, transaction, blockSize, nrBlocks) = (s[0]!, n[1], n[2], Sectors.FromCount((long)n[3]), n[4]);
        x.ExpectStart(diff.Element);
        x.ReadAttributes(diff, n, s);
        var (left, right) = (n[0], n[1]);
        var ranges = new List<ThinDeltaRange>();
        var diffEmpty = x.IsEmptyElement;
        while (!diffEmpty && x.Next() == XmlNodeType.Element)
        {
            if (!kinds.TryGetValue(x.Name, out var kind))
            {
                throw x.Unexpected("<same>, <different>, <left_only>, <right_only> or </diff>");
            }

            var seen = x.ReadAttributes(plain, n, s);
            if (seen == 3)
            {
                ranges.Add(new ThinDeltaRange(kind, n[0], n[1]));
                x.FinishLeaf();
                continue;
            }

            if (seen != 0)
            {
                throw x.Error($"<{x.Name}> needs both begin and length, or neither (the --verbose form)", null);
            }

            // --verbose: the kind element groups <range> children.
            var groupEmpty = x.IsEmptyElement;
            while (!groupEmpty && x.Next() == XmlNodeType.Element)
            {
                if (!ReferenceEquals(x.Name, range.Element))
                {
                    throw x.Unexpected("<range>");
                }

                if (kind == ThinDeltaKind.Different)
                {
                    x.ReadAttributes(differentRange, n, s);
                    ranges.Add(new ThinDeltaRange(kind, n[0], n[3], LeftDataBegin: n[1], RightDataBegin: n[2]));
                }
                else
                {
                    x.ReadAttributes(range, n, s);
                    ranges.Add(new ThinDeltaRange(kind, n[0], n[2], DataBegin: n[1]));
                }

                x.FinishLeaf();
            }
        }

        if (x.Next() != XmlNodeType.EndElement)
        {
            throw x.Unexpected("</superblock>");
        }

        x.ExpectEndOfDocument();
        return new ThinDeltaReport(uuid, time, transaction, blockSize, nrBlocks, left, right, ranges);
    }
}
