namespace Sts.Dm.Stats;

/// <summary>
/// The unit of a region's time counters and histogram boundaries: milliseconds (jiffies-based,
/// the default) or nanoseconds when the region was created with <c>precise_timestamps</c>
/// (Documentation/admin-guide/device-mapper/statistics.rst).
/// </summary>
public enum DmStatsTimeUnit
{
    /// <summary>Milliseconds, at the granularity of the kernel's tick.</summary>
    Milliseconds,

    /// <summary>Nanoseconds (precise_timestamps).</summary>
    Nanoseconds,
}
