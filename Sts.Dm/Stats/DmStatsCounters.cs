using Sts.Core.Units;

namespace Sts.Dm.Stats;

/// <summary>
/// The 13 counters of one dm-stats area, in the order and meaning of
/// Documentation/admin-guide/device-mapper/statistics.rst (the first 11 are those of
/// Documentation/admin-guide/iostats.rst). Times are raw numbers in the region's
/// <see cref="DmStatsTimeUnit"/>: milliseconds, or nanoseconds with precise_timestamps.
/// </summary>
/// <param name="Reads">1. Reads completed.</param>
/// <param name="ReadsMerged">2. Reads merged (adjacent to the previous read; dm-stats counts a bio that starts where the last one ended).</param>
/// <param name="SectorsRead">3. Sectors read.</param>
/// <param name="ReadTime">4. Time spent reading: the sum of every read's duration.</param>
/// <param name="Writes">5. Writes completed.</param>
/// <param name="WritesMerged">6. Writes merged.</param>
/// <param name="SectorsWritten">7. Sectors written.</param>
/// <param name="WriteTime">8. Time spent writing: the sum of every write's duration.</param>
/// <param name="InFlight">9. I/Os in progress now (a gauge; never cleared).</param>
/// <param name="IoTime">10. Time with at least one I/O in progress.</param>
/// <param name="WeightedIoTime">11. Weighted time doing I/O: each interval times the I/Os in progress during it.</param>
/// <param name="TotalReadTime">12. Time with at least one read in progress.</param>
/// <param name="TotalWriteTime">13. Time with at least one write in progress.</param>
public sealed record DmStatsCounters(
    ulong Reads, ulong ReadsMerged, Sectors SectorsRead, ulong ReadTime,
    ulong Writes, ulong WritesMerged, Sectors SectorsWritten, ulong WriteTime,
    long InFlight, ulong IoTime, ulong WeightedIoTime, ulong TotalReadTime, ulong TotalWriteTime)
{
    /// <summary>All counters zero.</summary>
    public static DmStatsCounters Zero { get; } = new(0, 0, default, 0, 0, 0, default, 0, 0, 0, 0, 0, 0);

    /// <summary>Reads and writes completed.</summary>
    public ulong Ios => checked(Reads + Writes);

    /// <summary>Sectors read and written.</summary>
    public Sectors SectorsTransferred => SectorsRead + SectorsWritten;

    /// <summary>Counter by counter sum, e.g. of a region's areas; in-flight I/Os add up too.</summary>
    /// <param name="left">One set.</param>
    /// <param name="right">The other.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="OverflowException">A counter overflows.</exception>
    public static DmStatsCounters operator +(DmStatsCounters left, DmStatsCounters right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return checked(new DmStatsCounters(
            left.Reads + right.Reads, left.ReadsMerged + right.ReadsMerged, left.SectorsRead + right.SectorsRead, left.ReadTime + right.ReadTime,
            left.Writes + right.Writes, left.WritesMerged + right.WritesMerged, left.SectorsWritten + right.SectorsWritten, left.WriteTime + right.WriteTime,
            left.InFlight + right.InFlight, left.IoTime + right.IoTime, left.WeightedIoTime + right.WeightedIoTime,
            left.TotalReadTime + right.TotalReadTime, left.TotalWriteTime + right.TotalWriteTime));
    }

    /// <summary>Counter by counter sum.</summary>
    /// <param name="left">One set.</param>
    /// <param name="right">The other.</param>
    /// <returns>The sum.</returns>
    public static DmStatsCounters Add(DmStatsCounters left, DmStatsCounters right) => left + right;

    /// <summary>The sum of many sets, e.g. every area of a region; <see cref="Zero"/> for none.</summary>
    /// <param name="counters">The sets.</param>
    /// <returns>The sum.</returns>
    public static DmStatsCounters Sum(IEnumerable<DmStatsCounters> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return counters.Aggregate(Zero, (sum, c) => sum + c);
    }

    /// <summary>
    /// What happened since <paramref name="earlier"/>: every counter's difference, except
    /// <see cref="InFlight"/>, a gauge, which keeps this sample's value.
    /// </summary>
    /// <param name="earlier">The earlier sample of the same area or region.</param>
    /// <returns>The differences.</returns>
    /// <exception cref="ArgumentException">A counter went backwards: the region was cleared (or re-created) between the samples.</exception>
    public DmStatsCounters Since(DmStatsCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new DmStatsCounters(
            Diff(Reads, earlier.Reads, "reads"), Diff(ReadsMerged, earlier.ReadsMerged, "reads merged"),
            Sectors.FromCount((long)Diff((ulong)SectorsRead.Count, (ulong)earlier.SectorsRead.Count, "sectors read")),
            Diff(ReadTime, earlier.ReadTime, "read time"),
            Diff(Writes, earlier.Writes, "writes"), Diff(WritesMerged, earlier.WritesMerged, "writes merged"),
            Sectors.FromCount((long)Diff((ulong)SectorsWritten.Count, (ulong)earlier.SectorsWritten.Count, "sectors written")),
            Diff(WriteTime, earlier.WriteTime, "write time"),
            InFlight, Diff(IoTime, earlier.IoTime, "io time"), Diff(WeightedIoTime, earlier.WeightedIoTime, "weighted io time"),
            Diff(TotalReadTime, earlier.TotalReadTime, "total read time"), Diff(TotalWriteTime, earlier.TotalWriteTime, "total write time"));
    }

    private static ulong Diff(ulong later, ulong earlier, string counter) =>
        later >= earlier
            ? later - earlier
            : throw new ArgumentException(
                $"The dm-stats counter '{counter}' went backwards ({earlier} to {later}): the region was cleared or re-created between the samples.");
}
