using System.Diagnostics;
using Sts.Core.Units;

namespace Sts.Dm.Stats;

/// <summary>
/// One <c>@stats_print</c> of a whole region, with the region it belongs to and the moment it was
/// taken (a monotonic clock, the midpoint of the request). Two samples give what happened in
/// between: <see cref="Since"/>.
/// </summary>
public sealed record DmStatsSample
{
    /// <summary>Creates a sample.</summary>
    /// <param name="region">The region that was printed.</param>
    /// <param name="areas">Its areas, as printed.</param>
    /// <param name="timestampNs">When it was taken: nanoseconds on a monotonic clock (<see cref="NowNs"/>).</param>
    /// <exception cref="ArgumentException">The number of areas is not the region's, or the areas disagree with the region's histogram.</exception>
    /// <exception cref="OverflowException">The areas' counters or histogram buckets add up past 64 bits.</exception>
    /// <exception cref="InvalidSizeException">The areas' sector counts add up past the largest sector count.</exception>
    public DmStatsSample(DmStatsRegion region, IReadOnlyList<DmStatsArea> areas, long timestampNs)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(areas);
        if (areas.Count != region.AreaCount)
        {
            throw new ArgumentException($"Region {region.Id} has {region.AreaCount} areas, the sample {areas.Count}.", nameof(areas));
        }

        var buckets = region.HistogramBoundaries is { } b ? b.Count + 1 : 0;
        if (areas.Any(a => (a.Histogram?.Count ?? 0) != buckets))
        {
            throw new ArgumentException($"Region {region.Id} has {buckets} histogram buckets per area; the sample's areas do not.", nameof(areas));
        }

        Region = region;
        Areas = areas;
        TimestampNs = timestampNs;
        Total = DmStatsCounters.Sum(areas.Select(a => a.Counters));
        Histogram = buckets == 0 ? null : new ValueList<ulong>(Enumerable.Range(0, buckets).Select(i => areas.Aggregate(0UL, (sum, a) => checked(sum + a.Histogram![i]))));
    }

    /// <summary>The region.</summary>
    public DmStatsRegion Region { get; }

    /// <summary>Its areas, in order.</summary>
    public IReadOnlyList<DmStatsArea> Areas { get; }

    /// <summary>When the sample was taken, in nanoseconds of a monotonic clock.</summary>
    public long TimestampNs { get; }

    /// <summary>The region's counters: the sum over its areas.</summary>
    public DmStatsCounters Total { get; }

    /// <summary>The region's histogram: the bucket-wise sum over its areas, or null when it has none.</summary>
    public ValueList<ulong>? Histogram { get; }

    /// <summary>Nanoseconds on the monotonic clock samples use.</summary>
    /// <returns>The current time.</returns>
    public static long NowNs() => (long)((Int128)Stopwatch.GetTimestamp() * 1_000_000_000 / Stopwatch.Frequency);

    /// <summary>What happened between <paramref name="earlier"/> and this sample: counter differences over the measured interval.</summary>
    /// <param name="earlier">An earlier sample of the same region, taken without clearing.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentException">The samples are of different regions, not in order, or a counter went backwards (the region was cleared in between: use <see cref="SinceCleared"/>).</exception>
    public DmStatsInterval Since(DmStatsSample earlier)
    {
        CheckPair(earlier);
        return new DmStatsInterval(Region, TimestampNs - earlier.TimestampNs,
            [.. Areas.Zip(earlier.Areas, (later, before) => later.Counters.Since(before.Counters))]);
    }

    /// <summary>
    /// What happened since <paramref name="clearing"/>, a sample taken with clear
    /// (<c>@stats_print_clear</c>): this sample's counters as they are, over the interval between the two.
    /// </summary>
    /// <param name="clearing">The earlier sample, which cleared the region's counters.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentException">The samples are of different regions or not in order.</exception>
    public DmStatsInterval SinceCleared(DmStatsSample clearing)
    {
        CheckPair(clearing);
        return new DmStatsInterval(Region, TimestampNs - clearing.TimestampNs, [.. Areas.Select(a => a.Counters)]);
    }

    private void CheckPair(DmStatsSample earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (earlier.Region != Region)
        {
            throw new ArgumentException($"The samples are of different regions: {earlier.Region.Format()} and {Region.Format()}.", nameof(earlier));
        }

        if (earlier.TimestampNs >= TimestampNs)
        {
            throw new ArgumentException("The earlier sample was not taken before this one.", nameof(earlier));
        }
    }
}
