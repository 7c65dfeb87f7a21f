using Sts.Core.Parsing;
using System.Globalization;
using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Stats;

/// <summary>
/// One line of <c>@stats_print</c> (drivers/md/dm-stats.c, dm_stats_print):
/// "&lt;start&gt;+&lt;step&gt; &lt;13 counters&gt;[ h0:h1:…:hN]". The kernel prints the region's step as
/// the length of every area, also of a last area that is shorter; <see cref="DmStatsSample"/>
/// knows the region and so the true end.
/// </summary>
/// <param name="Start">The area's first sector.</param>
/// <param name="Length">The length as printed: the region's area size.</param>
/// <param name="Counters">The 13 counters.</param>
/// <param name="Histogram">The histogram's N+1 bucket counts for N boundaries, or null when the region has none.</param>
public sealed record DmStatsArea(Sectors Start, Sectors Length, DmStatsCounters Counters, ValueList<ulong>? Histogram)
{
    private const string What = "@stats_print";

    /// <summary>Parses one line of <c>@stats_print</c>.</summary>
    /// <param name="line">The line, without its newline.</param>
    /// <returns>The area.</returns>
    /// <exception cref="DmParseException">The line is malformed; the exception quotes it.</exception>
    public static DmStatsArea Parse(string line) => ArgumentReader.Run(What, line, Read);

    /// <summary>Parses the whole answer to <c>@stats_print</c> or <c>@stats_print_clear</c>: one area per line.</summary>
    /// <param name="text">The answer; null or empty when no line was selected (the kernel answers nothing).</param>
    /// <returns>The areas in order.</returns>
    /// <exception cref="DmParseException">A line is malformed, or the lines disagree on having a histogram; the exception quotes it.</exception>
    public static IReadOnlyList<DmStatsArea> ParseAll(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var areas = text.Split('\n').Where(l => l.Length > 0).Select(Parse).ToList();
        if (areas.Select(a => a.Histogram?.Count ?? 0).Distinct().Count() > 1)
        {
            throw new DmParseException(What, text, "the areas of one region disagree on the number of histogram buckets");
        }

        return areas;
    }

    /// <summary>The line as the kernel writes it.</summary>
    /// <returns>The line, without a newline.</returns>
    public string Format()
    {
        var c = Counters;
        var line = Words.Join($"{Start}+{Length}", c.Reads, c.ReadsMerged, c.SectorsRead.Count, c.ReadTime, c.Writes, c.WritesMerged,
            c.SectorsWritten.Count, c.WriteTime, c.InFlight, c.IoTime, c.WeightedIoTime, c.TotalReadTime, c.TotalWriteTime);
        return Histogram is { } histogram
            ? line + " " + string.Join(':', histogram.Select(h => h.ToString(CultureInfo.InvariantCulture)))
            : line;
    }

    private static DmStatsArea Read(ArgumentReader r)
    {
        var range = r.Next("area");
        var plus = range.IndexOf('+', StringComparison.Ordinal);
        if (plus <= 0)
        {
            throw r.Error($"area '{range}' is not '<start>+<length>'");
        }

        var start = r.Convert("area start", range[..plus], Sectors.Parse);
        var length = r.Convert("area length", range[(plus + 1)..], Sectors.Parse);
        var counters = new DmStatsCounters(
            r.NextUInt64("reads"), r.NextUInt64("reads merged"), SectorsOf(r, "sectors read"), r.NextUInt64("read time"),
            r.NextUInt64("writes"), r.NextUInt64("writes merged"), SectorsOf(r, "sectors written"), r.NextUInt64("write time"),
            r.NextInt64("in flight"), r.NextUInt64("io time"), r.NextUInt64("weighted io time"),
            r.NextUInt64("total read time"), r.NextUInt64("total write time"));
        ValueList<ulong>? histogram = null;
        if (!r.AtEnd)
        {
            var word = r.Next("histogram");
            var buckets = new List<ulong>();
            foreach (var part in word.Split(':'))
            {
                buckets.Add(AsciiNumber.TryParseUInt64(part, out var bucket)
                    ? bucket
                    : throw r.Error($"histogram '{word}' is not 'n0:n1:…'"));
            }

            if (buckets.Count < 2)
            {
                throw r.Error($"histogram '{word}' has {buckets.Count} bucket; one boundary already makes two");
            }

            histogram = new ValueList<ulong>(buckets);
        }

        // The derived totals must be readable: refuse counters whose sums do not fit.
        if (counters.Reads > ulong.MaxValue - counters.Writes
            || counters.SectorsRead.Count > long.MaxValue / Sectors.SectorSize - counters.SectorsWritten.Count)
        {
            throw r.Error("the reads and writes, or the sectors read and written, add up to more than 64 bits hold");
        }

        return new DmStatsArea(start, length, counters, histogram);
    }

    private static Sectors SectorsOf(ArgumentReader r, string what)
    {
        var value = r.NextUInt64(what);
        return r.ToSectors(what, value);
    }
}
