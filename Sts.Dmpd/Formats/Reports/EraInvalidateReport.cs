using System.Xml;

namespace Sts.Dmpd.Formats.Reports;

/// <summary>era_invalidate's XML: the blocks written since an era, as printed.</summary>
/// <param name="Ranges">The <c>&lt;block&gt;</c> and <c>&lt;range&gt;</c> lines in printed order.</param>
public sealed record EraInvalidateReport(IReadOnlyList<EraInvalidateRange> Ranges)
{
    private const string DocumentName = "era_invalidate XML";

    /// <summary>Every listed block, in printed order.</summary>
    public IEnumerable<ulong> Blocks => Ranges.SelectMany(BlocksOf);

    /// <summary>How many blocks are listed (the parser refuses lists whose count does not fit 64 bits).</summary>
    public ulong BlockCount => Ranges.Aggregate(0UL, (sum, r) => unchecked(sum + r.Length));

    private static IEnumerable<ulong> BlocksOf(EraInvalidateRange range)
    {
        for (var block = range.Begin; block < range.End; block++)
        {
            yield return block;
        }
    }

    /// <summary>Parses era_invalidate's standard output.</summary>
    /// <param name="xml">The XML (<c>&lt;blocks&gt;</c> with <c>&lt;block block&gt;</c> and <c>&lt;range begin end&gt;</c>).</param>
    /// <returns>The report.</returns>
    /// <exception cref="DmpdParseException">The text is not era_invalidate XML, or a range ends before it begins.</exception>
    public static EraInvalidateReport Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var x = new StrictXmlReader(new StringReader(xml), DocumentName, leaveOpen: false);
        var names = x.NameTable;
        var blocks = new XmlAttributeSet(names, "blocks");
        var block = new XmlAttributeSet(names, "block", ("block", XmlAttributeKind.UInt64, false));
        var range = new XmlAttributeSet(names, "range", ("begin", XmlAttributeKind.UInt64, false), ("end", XmlAttributeKind.UInt64, false));
        x.ExpectStart(blocks.Element);
        Span<ulong> n = stackalloc ulong[2];
        x.ReadAttributes(blocks, n, default);
        var ranges = new List<EraInvalidateRange>();
        var total = 0UL;
        var empty = x.IsEmptyElement;
        while (!empty && x.Next() == XmlNodeType.Element)
        {
            if (ReferenceEquals(x.Name, block.Element))
            {
                x.ReadAttributes(block, n, default);
                if (n[0] == ulong.MaxValue)
                {
                    throw x.Error("block 2^64-1 has no end a range can hold", null);
                }

                ranges.Add(new EraInvalidateRange(n[0], n[0] + 1, true));
            }
            else if (ReferenceEquals(x.Name, range.Element))
            {
                x.ReadAttributes(range, n, default);
                if (n[1] < n[0])
                {
                    throw x.Error("the range ends before it begins", null);
                }

                ranges.Add(new EraInvalidateRange(n[0], n[1], false));
            }
            else
            {
                throw x.Unexpected("<block>, <range> or </blocks>");
            }

            if (total > ulong.MaxValue - ranges[^1].Length)
            {
                throw x.Error("the listed blocks number more than 2^64", null);
            }

            total += ranges[^1].Length;
            x.FinishLeaf();
        }

        x.ExpectEndOfDocument();
        return new EraInvalidateReport(ranges);
    }
}
