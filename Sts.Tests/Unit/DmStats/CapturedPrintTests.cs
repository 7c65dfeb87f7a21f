using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm.Stats;

namespace Sts.Tests.Unit.DmStats;

/// <summary>
/// @stats_print answers captured by TestData/dm-stats/capture.sh after its direct I/O: 4 x 64 KiB
/// writes at sector 0 (sectors 0..511), 2 x 64 KiB reads at sector 16384, one 4 KiB write at
/// sector 24576. Reads also include udev's blkid probes (see the README); writes are exact.
/// </summary>
public sealed class CapturedPrintTests
{
    private static IEnumerable<string> PrintFiles() => StatsCapture.Files("print-").Concat(StatsCapture.Files("sample-"));

    private static IReadOnlyList<DmStatsArea> Print(string file) => DmStatsArea.ParseAll(StatsCapture.Read(file));

    private static Sectors S(long count) => Sectors.FromCount(count);

    [TestCaseSource(nameof(PrintFiles))]
    public void Every_captured_print_line_parses_and_formats_back_exactly(string file)
    {
        foreach (var line in StatsCapture.Read(file).Split('\n').Where(l => l.Length > 0))
        {
            DmStatsArea.Parse(line).Format().Should().Be(line);
        }
    }

    [Test]
    public void Writes_land_in_the_area_that_holds_their_sectors()
    {
        var areas = Print("print-0.txt");

        areas.Select(a => a.Start).Should().Equal(S(0), S(8192), S(16384), S(24576));
        areas.Should().OnlyContain(a => a.Length == S(8192));
        (areas[0].Counters.Writes, areas[0].Counters.SectorsWritten).Should().Be((4UL, S(4 * 128)), "4 writes of 64 KiB at sector 0");
        (areas[3].Counters.Writes, areas[3].Counters.SectorsWritten).Should().Be((1UL, S(8)), "one 4 KiB write at sector 24576");
        areas[1].Counters.Writes.Should().Be(0);
        areas[2].Counters.Writes.Should().Be(0);
        areas[0].Counters.WritesMerged.Should().Be(3, "the capture counted each of the last three writes, which start where the one before ended, as merged");
        (areas[2].Counters.Reads, areas[2].Counters.SectorsRead).Should().Be((2UL, S(2 * 128)), "2 reads of 64 KiB at sector 16384");
        areas.Should().OnlyContain(a => a.Histogram == null && a.Counters.InFlight == 0);
    }

    [Test]
    public void A_whole_device_region_counts_what_the_areas_of_another_whole_device_region_add_up_to()
    {
        var total = DmStatsCounters.Sum(Print("print-0.txt").Select(a => a.Counters));
        var whole = Print("print-2.txt").Should().ContainSingle().Subject.Counters;

        (whole.Reads, whole.ReadsMerged, whole.SectorsRead, whole.Writes, whole.WritesMerged, whole.SectorsWritten)
            .Should().Be((total.Reads, total.ReadsMerged, total.SectorsRead, total.Writes, total.WritesMerged, total.SectorsWritten));
        (whole.Writes, whole.SectorsWritten).Should().Be((5UL, S(512 + 8)));
        total.Reads.Should().Be(36 + 2 + 2 + 30, "the sum of the four captured areas");
    }

    [Test]
    public void Two_areas_of_16384_sectors_hold_what_four_areas_of_8192_hold_in_pairs()
    {
        var quarters = Print("print-0.txt");
        var halves = Print("print-3.txt");

        halves.Select(a => a.Start).Should().Equal(S(0), S(16384));
        halves[0].Counters.SectorsRead.Should().Be(quarters[0].Counters.SectorsRead + quarters[1].Counters.SectorsRead);
        halves[1].Counters.SectorsRead.Should().Be(quarters[2].Counters.SectorsRead + quarters[3].Counters.SectorsRead);
        halves[0].Counters.SectorsWritten.Should().Be(S(512));
        halves[1].Counters.SectorsWritten.Should().Be(S(8));
    }

    [Test]
    public void Histogram_buckets_are_one_more_than_the_boundaries_and_count_every_completed_io()
    {
        var ms = Print("print-2.txt").Single();
        ms.Histogram.Should().Equal(69UL, 0UL, 6UL, 0UL, 0UL);
        ms.Histogram!.Aggregate(0UL, (s, b) => s + b).Should().Be(ms.Counters.Ios);

        foreach (var area in Print("print-3.txt"))
        {
            area.Histogram.Should().HaveCount(5, "4 boundaries make 5 buckets");
            area.Histogram!.Aggregate(0UL, (s, b) => s + b).Should().Be(area.Counters.Ios);
        }
    }

    [Test]
    public void Precise_timestamps_count_nanoseconds()
    {
        var precise = Print("print-1.txt").Single().Counters;
        var jiffies = Print("print-0.txt")[0].Counters;

        precise.WriteTime.Should().Be(5901090);
        jiffies.WriteTime.Should().Be(8, "the same four writes, in milliseconds");
        (precise.Writes, precise.SectorsWritten).Should().Be((4UL, S(512)));
    }

    [Test]
    public void The_last_area_of_an_uneven_region_prints_the_step_as_its_length()
    {
        var areas = Print("print-5.txt");

        areas.Select(a => (a.Start, a.Length)).Should().Equal((S(100), S(334)), (S(434), S(334)), (S(768), S(334)));
        (areas[0].Counters.SectorsWritten + areas[1].Counters.SectorsWritten).Should().Be(S(512 - 100),
            "the writes covered sectors 0..511, the region starts at 100");
        (areas[0].Counters.Writes + areas[1].Counters.Writes).Should().Be(5, "the write over sectors 384..511 counts once in each area it touches");
    }

    [Test]
    public void A_region_smaller_than_one_write_counts_only_its_own_sectors()
    {
        var area = Print("print-6.txt").Single().Counters;

        (area.Writes, area.SectorsWritten).Should().Be((1UL, S(8)));
        Print("print-4.txt").Should().HaveCount(8).And.OnlyContain(a => a.Counters.Writes == 0, "no write fell into 2048..10239");
    }

    [Test]
    public void A_range_of_lines_prints_those_areas_and_one_past_the_end_prints_nothing()
    {
        var all = Print("print-0.txt");

        Print("print-0-lines-1-2.txt").Should().Equal(all[1], all[2]);
        Print("print-0-lines-past-end.txt").Should().BeEmpty();
    }

    [Test]
    public void Print_clear_answers_the_counters_and_leaves_zeros_behind()
    {
        var printed = Print("print-clear-0.txt");
        var after = Print("print-0-after-clear.txt");

        printed[0].Counters.Writes.Should().Be(12, "4 + the 8 writes of the sampling step");
        after.Select(a => a.Start).Should().Equal(printed.Select(a => a.Start));
        after.Should().OnlyContain(a => a.Counters == DmStatsCounters.Zero);
        Print("print-3-after-clear.txt").Should().OnlyContain(a => a.Counters == DmStatsCounters.Zero && a.Histogram!.All(b => b == 0));
    }
}
