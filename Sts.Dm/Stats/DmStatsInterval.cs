namespace Sts.Dm.Stats;

/// <summary>What a region counted between two samples, per area and in total, with the figures derived from it.</summary>
public sealed record DmStatsInterval
{
    /// <summary>Creates an interval.</summary>
    /// <param name="region">The region.</param>
    /// <param name="intervalNs">The time between the samples, in nanoseconds; more than 0.</param>
    /// <param name="areas">Each area's counter differences, in order.</param>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive.</exception>
    public DmStatsInterval(DmStatsRegion region, long intervalNs, IReadOnlyList<DmStatsCounters> areas)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalNs);
        Region = region;
        IntervalNs = intervalNs;
        Areas = areas;
        Counters = DmStatsCounters.Sum(areas);
        Metrics = DmStatsMetrics.Compute(Counters, intervalNs, region.TimeUnit);
    }

    /// <summary>The region.</summary>
    public DmStatsRegion Region { get; }

    /// <summary>The time between the samples, in nanoseconds.</summary>
    public long IntervalNs { get; }

    /// <summary>Each area's counter differences.</summary>
    public IReadOnlyList<DmStatsCounters> Areas { get; }

    /// <summary>The region's counter differences: the sum over its areas.</summary>
    public DmStatsCounters Counters { get; }

    /// <summary>The region's derived figures.</summary>
    public DmStatsMetrics Metrics { get; }

    /// <summary>One area's derived figures.</summary>
    /// <param name="area">The area's index.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such area.</exception>
    public DmStatsMetrics AreaMetrics(int area)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(area);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(area, Areas.Count);
        return DmStatsMetrics.Compute(Areas[area], IntervalNs, Region.TimeUnit);
    }
}
