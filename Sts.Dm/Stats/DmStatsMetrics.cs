using Sts.Core.Units;

namespace Sts.Dm.Stats;

/// <summary>
/// The figures libdevmapper derives from dm-stats counters over an interval (lvm2
/// libdm/libdm-stats.c, the <c>dm_stats_get_*</c> metrics that dmstats and dmpy report), computed
/// from counter differences and the measured interval. Times are in nanoseconds whatever the
/// region's unit. Where libdm has slips, this follows the definitions instead: merges per second
/// are per second (libdm divides by nanoseconds), and utilisation is a fraction computed in
/// floating point (libdm's double metric divides two integers).
/// </summary>
/// <param name="IntervalNs">The interval the counters cover, in nanoseconds.</param>
/// <param name="ReadsPerSecond">Reads completed per second (r/s).</param>
/// <param name="WritesPerSecond">Writes completed per second (w/s).</param>
/// <param name="ReadMergesPerSecond">Reads merged per second (rrqm/s).</param>
/// <param name="WriteMergesPerSecond">Writes merged per second (wrqm/s).</param>
/// <param name="ReadSectorsPerSecond">Sectors read per second (rsec/s).</param>
/// <param name="WriteSectorsPerSecond">Sectors written per second (wsec/s).</param>
/// <param name="IosPerSecond">Reads and writes completed per second: libdm's "throughput" (IOPS).</param>
/// <param name="AverageRequestSize">Sectors per I/O (avgrq-sz); 0 without I/O.</param>
/// <param name="AverageQueueSize">Weighted I/O time over the interval: the mean number of I/Os in progress (avgqu-sz).</param>
/// <param name="AverageWaitNs">Mean duration of an I/O, reads and writes together (await); 0 without I/O.</param>
/// <param name="AverageReadWaitNs">Mean duration of a read (r_await); 0 without reads.</param>
/// <param name="AverageWriteWaitNs">Mean duration of a write (w_await); 0 without writes.</param>
/// <param name="ServiceTimeNs">Busy time per I/O: utilisation × interval / I/Os (svctm); 0 without I/O.</param>
/// <param name="Utilization">The fraction of the interval with I/O in progress, 0..1 (%util / 100); capped at 1 like libdm.</param>
public sealed record DmStatsMetrics(
    long IntervalNs,
    double ReadsPerSecond, double WritesPerSecond, double ReadMergesPerSecond, double WriteMergesPerSecond,
    double ReadSectorsPerSecond, double WriteSectorsPerSecond, double IosPerSecond,
    double AverageRequestSize, double AverageQueueSize,
    double AverageWaitNs, double AverageReadWaitNs, double AverageWriteWaitNs, double ServiceTimeNs,
    double Utilization)
{
    private const double NsPerSecond = 1e9;

    /// <summary>Bytes read per second.</summary>
    public double ReadBytesPerSecond => ReadSectorsPerSecond * Sectors.SectorSize;

    /// <summary>Bytes written per second.</summary>
    public double WriteBytesPerSecond => WriteSectorsPerSecond * Sectors.SectorSize;

    /// <summary>The interval as a <see cref="TimeSpan"/> (100 ns resolution).</summary>
    public TimeSpan Interval => TimeSpan.FromTicks(IntervalNs / 100);

    /// <summary>Derives the figures from counter differences over an interval.</summary>
    /// <param name="counters">What happened during the interval (<see cref="DmStatsCounters.Since"/>, or counters read after a clear).</param>
    /// <param name="intervalNs">The interval's length in nanoseconds; more than 0.</param>
    /// <param name="unit">The unit of the counters' times: the region's <see cref="DmStatsRegion.TimeUnit"/>.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive.</exception>
    public static DmStatsMetrics Compute(DmStatsCounters counters, long intervalNs, DmStatsTimeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalNs);
        double interval = intervalNs;
        var nsPerUnit = unit == DmStatsTimeUnit.Milliseconds ? 1e6 : 1.0;
        double reads = counters.Reads, writes = counters.Writes, ios = reads + writes;
        double PerSecond(double value) => value * NsPerSecond / interval;
        double Mean(double total, double count) => count > 0 ? total / count : 0;

        var utilization = Math.Min(counters.IoTime * nsPerUnit, interval) / interval;
        return new DmStatsMetrics(
            intervalNs,
            PerSecond(reads), PerSecond(writes), PerSecond(counters.ReadsMerged), PerSecond(counters.WritesMerged),
            PerSecond(counters.SectorsRead.Count), PerSecond(counters.SectorsWritten.Count), PerSecond(ios),
            Mean(counters.SectorsRead.Count + (double)counters.SectorsWritten.Count, ios),
            counters.WeightedIoTime * nsPerUnit / interval,
            Mean((counters.ReadTime + (double)counters.WriteTime) * nsPerUnit, ios),
            Mean(counters.ReadTime * nsPerUnit, reads),
            Mean(counters.WriteTime * nsPerUnit, writes),
            Mean(utilization * interval, ios),
            utilization);
    }
}
