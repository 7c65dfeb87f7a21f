using Sts.Core.Parsing;
using System.Globalization;
using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Stats;

/// <summary>
/// One region as <c>@stats_list</c> reports it (drivers/md/dm-stats.c, dm_stats_list):
/// "&lt;id&gt;: &lt;start&gt;+&lt;length&gt; &lt;step&gt; &lt;program id&gt; &lt;aux data&gt;[ precise_timestamps][ histogram:n1,n2,…]".
/// </summary>
/// <param name="Id">The region's id.</param>
/// <param name="Start">Its first sector.</param>
/// <param name="Length">Its length.</param>
/// <param name="AreaSize">The size of each area (the step); the last area may be shorter.</param>
/// <param name="ProgramId">The program id, or null for the kernel's "-".</param>
/// <param name="AuxData">The aux data, or null for the kernel's "-". Aux data set by others may hold spaces (the list prints it unescaped): they come back as single spaces.</param>
/// <param name="PreciseTimestamps">True when times are in nanoseconds.</param>
/// <param name="HistogramBoundaries">The latency histogram's boundaries, or null for none.</param>
public sealed record DmStatsRegion(DmStatsRegionId Id, Sectors Start, Sectors Length, Sectors AreaSize, string? ProgramId, string? AuxData,
    bool PreciseTimestamps, ValueList<ulong>? HistogramBoundaries)
{
    private const string What = "@stats_list";

    /// <summary>The sector after the region's last.</summary>
    public Sectors End => Start + Length;

    /// <summary>The number of areas the kernel made: ceil(length / area size).</summary>
    public long AreaCount => AreaSize.Count == 0 ? 0 : (Length.Count + AreaSize.Count - 1) / AreaSize.Count;

    /// <summary>The unit of the region's time counters and histogram boundaries.</summary>
    public DmStatsTimeUnit TimeUnit => PreciseTimestamps ? DmStatsTimeUnit.Nanoseconds : DmStatsTimeUnit.Milliseconds;

    /// <summary>The area (0-based) that holds <paramref name="sector"/>, or null when the sector is outside the region.</summary>
    /// <param name="sector">A sector of the device.</param>
    /// <returns>The area's index, or null.</returns>
    public long? AreaOf(Sectors sector) =>
        sector >= Start && sector < End && AreaSize.Count > 0 ? (sector.Count - Start.Count) / AreaSize.Count : null;

    /// <summary>Parses one line of <c>@stats_list</c>.</summary>
    /// <param name="line">The line, without its newline.</param>
    /// <returns>The region.</returns>
    /// <exception cref="DmParseException">The line is malformed; the exception quotes it.</exception>
    public static DmStatsRegion Parse(string line) => ArgumentReader.Run(What, line, Read);

    /// <summary>Parses the whole answer to <c>@stats_list</c>: one region per line.</summary>
    /// <param name="text">The answer; null or empty when the device has no regions (the kernel answers nothing).</param>
    /// <returns>The regions, in the kernel's (id) order.</returns>
    /// <exception cref="DmParseException">A line is malformed; the exception quotes it.</exception>
    public static IReadOnlyList<DmStatsRegion> ParseList(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [.. text.Split('\n').Where(l => l.Length > 0).Select(Parse)];

    /// <summary>The line as the kernel writes it.</summary>
    /// <returns>The line, without a newline.</returns>
    public string Format()
    {
        var line = $"{Id}: {Start}+{Length} {AreaSize} {ProgramId ?? "-"} {AuxData ?? "-"}";
        if (PreciseTimestamps)
        {
            line += " precise_timestamps";
        }

        if (HistogramBoundaries is { } boundaries)
        {
            line += " histogram:" + string.Join(',', boundaries.Select(b => b.ToString(CultureInfo.InvariantCulture)));
        }

        return line;
    }

    private static DmStatsRegion Read(ArgumentReader r)
    {
        var idWord = r.Next("region id");
        if (!idWord.EndsWith(':') || !AsciiNumber.TryParseNonNegativeInt32(idWord.AsSpan(0, idWord.Length - 1), out var id))
        {
            throw r.Error($"'{idWord}' is not '<region id>:'");
        }

        var (start, length) = ReadRange(r, r.Next("range"));
        var step = r.NextSectors("area size");
        if (step.Count == 0 || length.Count == 0)
        {
            throw r.Error("a region has a length and an area size of at least one sector");
        }

        if (length.Count > long.MaxValue / Sectors.SectorSize - start.Count)
        {
            throw r.Error($"the region {start}+{length} ends past the largest sector count"); // so End can be read
        }

        var programId = r.Next("program id");
        var rest = r.Rest().ToList();
        ValueList<ulong>? histogram = null;
        if (rest.Count > 0 && rest[^1].StartsWith("histogram:", StringComparison.Ordinal))
        {
            histogram = ReadHistogram(r, rest[^1]);
            rest.RemoveAt(rest.Count - 1);
        }

        var precise = rest.Count > 0 && rest[^1] == "precise_timestamps";
        if (precise)
        {
            rest.RemoveAt(rest.Count - 1);
        }

        if (rest.Count == 0)
        {
            throw r.Error("missing aux data");
        }

        var aux = string.Join(' ', rest);
        return new DmStatsRegion(DmStatsRegionId.FromValue(id), start, length, step, NullIfDash(programId), NullIfDash(aux), precise, histogram);
    }

    private static (Sectors Start, Sectors Length) ReadRange(ArgumentReader r, string word)
    {
        var plus = word.IndexOf('+', StringComparison.Ordinal);
        if (plus <= 0)
        {
            throw r.Error($"range '{word}' is not '<start>+<length>'");
        }

        return (r.Convert("range start", word[..plus], Sectors.Parse), r.Convert("range length", word[(plus + 1)..], Sectors.Parse));
    }

    private static ValueList<ulong> ReadHistogram(ArgumentReader r, string word)
    {
        var values = new List<ulong>();
        foreach (var part in word["histogram:".Length..].Split(','))
        {
            if (!AsciiNumber.TryParseUInt64(part, out var value) || (values.Count > 0 && value <= values[^1]) || value == 0)
            {
                throw r.Error($"'{word}' is not a list of increasing histogram boundaries");
            }

            values.Add(value);
        }

        return new ValueList<ulong>(values);
    }

    private static string? NullIfDash(string word) => word == "-" ? null : word;
}
