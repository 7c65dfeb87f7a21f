using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm.Stats;

namespace Sts.Tests.Unit.DmStats;

/// <summary>
/// The libdm figures, checked by hand arithmetic on the numbers of two captured samples of
/// region 1 (0+2048, precise_timestamps) taken 434757830 ns apart around 8 x 4 KiB direct writes
/// (TestData/dm-stats/sample-a-1.txt, sample-b-1.txt, sample-interval-ns).
/// </summary>
public sealed class DerivedFigureTests
{
    private const long IntervalNs = 434_757_830;

    private static DmStatsRegion Region1 => DmStatsRegion.Parse("1: 0+2048 2048 - - precise_timestamps");

    private static DmStatsSample Sample(string file, long at) => new(Region1, DmStatsArea.ParseAll(StatsCapture.Read(file)), at);

    private static DmStatsInterval Interval() => Sample("sample-b-1.txt", IntervalNs).Since(Sample("sample-a-1.txt", 0));

    [Test]
    public void The_captured_interval_is_the_one_these_tests_use() =>
        long.Parse(StatsCapture.Read("sample-interval-ns").Trim(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(IntervalNs);

    [Test]
    public void The_difference_between_two_samples_is_the_io_done_in_between()
    {
        var counters = Interval().Counters;

        // sample-b minus sample-a, counter by counter
        (counters.Writes, counters.SectorsWritten).Should().Be((12UL - 4, Sectors.FromCount(576 - 512)), "8 writes of 4 KiB = 64 sectors");
        counters.WritesMerged.Should().Be(10 - 3);
        counters.Reads.Should().Be(48 - 32);
        counters.WriteTime.Should().Be(8_199_130 - 5_901_090);
        counters.IoTime.Should().Be(14_291_370 - 10_041_420);
        counters.InFlight.Should().Be(0);
    }

    [Test]
    public void Rates_are_counts_over_the_interval_in_seconds()
    {
        var m = Interval().Metrics;

        m.WritesPerSecond.Should().BeApproximately(8 / 0.434_757_830, 1e-9);
        m.ReadsPerSecond.Should().BeApproximately(16 / 0.434_757_830, 1e-9);
        m.IosPerSecond.Should().BeApproximately(24 / 0.434_757_830, 1e-9);
        m.WriteMergesPerSecond.Should().BeApproximately(7 / 0.434_757_830, 1e-9);
        m.WriteSectorsPerSecond.Should().BeApproximately(64 / 0.434_757_830, 1e-9);
        m.WriteBytesPerSecond.Should().BeApproximately(64 * 512 / 0.434_757_830, 1e-6);
        m.ReadSectorsPerSecond.Should().BeApproximately((1584 - 1056) / 0.434_757_830, 1e-9);
    }

    [Test]
    public void Waits_are_time_per_io_in_nanoseconds_and_utilisation_is_busy_time_over_the_interval()
    {
        var m = Interval().Metrics;

        m.AverageWriteWaitNs.Should().BeApproximately(2_298_040 / 8.0, 1e-6);
        m.AverageReadWaitNs.Should().BeApproximately((7_123_570 - 4_929_940) / 16.0, 1e-6);
        m.AverageWaitNs.Should().BeApproximately((2_193_630 + 2_298_040) / 24.0, 1e-6);
        m.Utilization.Should().BeApproximately(4_249_950.0 / IntervalNs, 1e-12);
        m.AverageQueueSize.Should().BeApproximately((14_563_000 - 10_169_290) / (double)IntervalNs, 1e-12);
        m.ServiceTimeNs.Should().BeApproximately(4_249_950 / 24.0, 1e-6);
        m.AverageRequestSize.Should().BeApproximately((528 + 64) / 24.0, 1e-12);
    }

    [Test]
    public void Millisecond_counters_are_converted_to_nanoseconds()
    {
        // print-2: one whole-device area, 70 reads taking 16 ms, 5 writes taking 8 ms, io time 24 ms.
        var counters = DmStatsArea.ParseAll(StatsCapture.Read("print-2.txt")).Single().Counters;

        var m = DmStatsMetrics.Compute(counters, 1_000_000_000, DmStatsTimeUnit.Milliseconds);

        m.AverageReadWaitNs.Should().BeApproximately(16e6 / 70, 1e-6);
        m.AverageWriteWaitNs.Should().BeApproximately(8e6 / 5, 1e-6);
        m.Utilization.Should().BeApproximately(0.024, 1e-12);
        m.ReadsPerSecond.Should().Be(70);
    }

    [Test]
    public void Utilisation_never_exceeds_one_and_no_io_gives_zero_waits()
    {
        var busy = DmStatsCounters.Zero with { IoTime = 5000 };
        DmStatsMetrics.Compute(busy, 1_000_000_000, DmStatsTimeUnit.Milliseconds).Utilization.Should().Be(1);

        var idle = DmStatsMetrics.Compute(DmStatsCounters.Zero, 1000, DmStatsTimeUnit.Nanoseconds);
        (idle.AverageWaitNs, idle.AverageReadWaitNs, idle.AverageWriteWaitNs, idle.ServiceTimeNs, idle.AverageRequestSize, idle.Utilization)
            .Should().Be((0.0, 0.0, 0.0, 0.0, 0.0, 0.0));
        FluentActions.Invoking(() => DmStatsMetrics.Compute(DmStatsCounters.Zero, 0, DmStatsTimeUnit.Nanoseconds))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Counters_that_went_backwards_mean_a_clear_in_between_and_are_refused()
    {
        var region = DmStatsRegion.ParseList(StatsCapture.Read("list-fresh.txt"))[0];
        var before = new DmStatsSample(region, DmStatsArea.ParseAll(StatsCapture.Read("print-clear-0.txt")), 1);
        var after = new DmStatsSample(region, DmStatsArea.ParseAll(StatsCapture.Read("print-0-after-clear.txt")), 2);

        FluentActions.Invoking(() => after.Since(before)).Should().Throw<ArgumentException>().WithMessage("*went backwards*");
        after.SinceCleared(before).Counters.Should().Be(DmStatsCounters.Zero);
    }

    [Test]
    public void A_sample_knows_its_region_total_and_summed_histogram()
    {
        var region = DmStatsRegion.ParseList(StatsCapture.Read("list-fresh.txt"))[3];
        var sample = new DmStatsSample(region, DmStatsArea.ParseAll(StatsCapture.Read("print-3.txt")), 0);

        sample.Histogram.Should().Equal(0UL, 23UL + 15, 17UL + 16, 2UL + 2, 0UL);
        (sample.Total.Reads, sample.Total.Writes).Should().Be((38UL + 32, 4UL + 1));
    }

    [Test]
    public void A_sample_that_does_not_match_its_region_is_refused()
    {
        var regions = DmStatsRegion.ParseList(StatsCapture.Read("list-fresh.txt"));
        var fourAreas = DmStatsArea.ParseAll(StatsCapture.Read("print-0.txt"));

        FluentActions.Invoking(() => new DmStatsSample(regions[3], fourAreas, 0)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new DmStatsSample(regions[2], DmStatsArea.ParseAll(StatsCapture.Read("print-1.txt")), 0))
            .Should().Throw<ArgumentException>("region 2 has a histogram, region 1's print has none");
        var a = new DmStatsSample(regions[0], fourAreas, 5);
        FluentActions.Invoking(() => a.Since(new DmStatsSample(regions[0], fourAreas, 9))).Should().Throw<ArgumentException>("not in order");
    }
}
