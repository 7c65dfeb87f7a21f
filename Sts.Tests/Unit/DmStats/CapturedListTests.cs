using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm.Stats;

namespace Sts.Tests.Unit.DmStats;

/// <summary>
/// @stats_list answers captured by TestData/dm-stats/capture.sh; the expected regions are the ones
/// that script created (ids 0..6 in creation order, on a 32768-sector device).
/// </summary>
public sealed class CapturedListTests
{
    private static IEnumerable<string> ListFiles() => StatsCapture.Files("list-");

    private static IReadOnlyList<DmStatsRegion> List(string file) => DmStatsRegion.ParseList(StatsCapture.Read(file));

    private static Sectors S(long count) => Sectors.FromCount(count);

    [TestCaseSource(nameof(ListFiles))]
    public void Every_captured_list_line_parses_and_formats_back_exactly(string file)
    {
        foreach (var line in StatsCapture.Read(file).Split('\n').Where(l => l.Length > 0))
        {
            DmStatsRegion.Parse(line).Format().Should().Be(line);
        }
    }

    [Test]
    public void The_seven_regions_the_script_created_list_with_their_geometry_options_and_owners()
    {
        var regions = List("list-fresh.txt");

        regions.Select(r => r.Id.Value).Should().Equal(0, 1, 2, 3, 4, 5, 6);
        regions[0].Should().Be(new DmStatsRegion(DmStatsRegionId.FromValue(0), S(0), S(32768), S(8192), null, null, false, null));
        regions[1].Should().Be(new DmStatsRegion(DmStatsRegionId.FromValue(1), S(0), S(2048), S(2048), null, null, true, null));
        regions[2].HistogramBoundaries.Should().Equal(1UL, 2UL, 5UL, 10UL);
        regions[2].PreciseTimestamps.Should().BeFalse();
        regions[3].Should().Be(new DmStatsRegion(DmStatsRegionId.FromValue(3), S(0), S(32768), S(16384), "stsprog", "stsaux", true,
            [10000UL, 100000UL, 1000000UL, 10000000UL]));
        regions[4].Should().Be(new DmStatsRegion(DmStatsRegionId.FromValue(4), S(2048), S(8192), S(1024), "otherprog", null, false, null));
        regions[6].ProgramId.Should().Be("12345", "a numeric program id is stored when the option count precedes it");
    }

    [Test]
    public void Area_counts_are_the_region_length_over_the_step_rounded_up()
    {
        var regions = List("list-fresh.txt");

        regions.Select(r => r.AreaCount).Should().Equal(4, 1, 1, 2, 8, 3, 1);
        regions[5].AreaSize.Should().Be(S(334), "/3 of 1000 sectors is ceil(1000 / 3)");
        regions[5].End.Should().Be(S(1100));
        regions[0].AreaOf(S(16384)).Should().Be(2);
        regions[0].AreaOf(S(8191)).Should().Be(0);
        regions[4].AreaOf(S(100)).Should().BeNull("region 4 starts at 2048");
        regions[4].AreaOf(S(10240)).Should().BeNull("region 4 ends before 10240");
    }

    [Test]
    public void Precise_regions_count_nanoseconds_the_others_milliseconds()
    {
        List("list-fresh.txt").Select(r => r.TimeUnit).Should().Equal(
            DmStatsTimeUnit.Milliseconds, DmStatsTimeUnit.Nanoseconds, DmStatsTimeUnit.Milliseconds, DmStatsTimeUnit.Nanoseconds,
            DmStatsTimeUnit.Milliseconds, DmStatsTimeUnit.Milliseconds, DmStatsTimeUnit.Milliseconds);
    }

    [Test]
    public void Aux_data_set_with_an_escaped_space_lists_unescaped_and_still_parses()
    {
        var region = List("list-after-aux.txt")[0];

        region.AuxData.Should().Be("hello world");
        region.ProgramId.Should().BeNull();
        region.PreciseTimestamps.Should().BeFalse();
    }

    [Test]
    public void A_program_filter_lists_only_that_programs_regions()
    {
        List("list-program-stsprog.txt").Should().ContainSingle().Which.Id.Value.Should().Be(3);
        List("list-program-none.txt").Should().BeEmpty();
    }

    [Test]
    public void A_device_without_regions_answers_nothing_which_is_an_empty_list()
    {
        List("list-empty.txt").Should().BeEmpty();
        List("list-after-cleanup.txt").Should().BeEmpty();
        DmStatsRegion.ParseList(null).Should().BeEmpty();
    }

    [Test]
    public void A_deleted_id_is_the_next_one_handed_out()
    {
        List("list-after-delete.txt").Select(r => r.Id.Value).Should().Equal(0, 1, 2, 3, 5, 6);
        StatsCapture.Read("create-reuses-id.txt").Trim().Should().Be("4");
        var reused = List("list-final.txt").Single(r => r.Id.Value == 4);
        (reused.Start, reused.Length, reused.AreaSize, reused.ProgramId).Should().Be((S(0), S(32768), S(32768), (string?)null));
    }

    [TestCase("create-whole-4areas.txt", 0)]
    [TestCase("create-precise.txt", 1)]
    [TestCase("create-precise-histogram.txt", 3)]
    [TestCase("create-numeric-program.txt", 6)]
    public void The_create_answer_is_the_region_id(string file, int id) =>
        DmStatsRegionId.Parse(StatsCapture.Read(file).Trim()).Should().Be(DmStatsRegionId.FromValue(id));
}
