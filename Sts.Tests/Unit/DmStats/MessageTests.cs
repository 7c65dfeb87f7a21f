using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm.Stats;

namespace Sts.Tests.Unit.DmStats;

/// <summary>Messages render to the text the kernel accepted in TestData/dm-stats/commands.log.</summary>
public sealed class MessageTests
{
    private static readonly DmStatsRegionId Zero = DmStatsRegionId.FromValue(0);

    private static IEnumerable<TestCaseData> Creates()
    {
        yield return new TestCaseData(DmStatsRegionSpec.WholeDevice(DmStatsStep.Count(4)), "@stats_create - /4");
        yield return new TestCaseData(
            DmStatsRegionSpec.Range(Sectors.FromCount(0), Sectors.FromCount(2048), DmStatsStep.OneArea) with { PreciseTimestamps = true },
            "@stats_create 0+2048 /1 1 precise_timestamps");
        yield return new TestCaseData(
            DmStatsRegionSpec.WholeDevice(DmStatsStep.OneArea) with { HistogramBoundaries = [1UL, 2UL, 5UL, 10UL] },
            "@stats_create - /1 1 histogram:1,2,5,10");
        yield return new TestCaseData(
            DmStatsRegionSpec.WholeDevice(DmStatsStep.Count(2)) with
            {
                PreciseTimestamps = true, HistogramBoundaries = [10000UL, 100000UL, 1000000UL, 10000000UL], ProgramId = "stsprog", AuxData = "stsaux",
            },
            "@stats_create - /2 2 precise_timestamps histogram:10000,100000,1000000,10000000 stsprog stsaux");
        yield return new TestCaseData(DmStatsRegionSpec.Range(Sectors.FromCount(100), Sectors.FromCount(1000), DmStatsStep.Count(3)),
            "@stats_create 100+1000 /3");
        yield return new TestCaseData(
            DmStatsRegionSpec.Range(Sectors.FromCount(0), Sectors.FromCount(8), DmStatsStep.Size(Sectors.FromCount(8))) with { ProgramId = "12345" },
            "@stats_create 0+8 8 0 12345");
    }

    [TestCaseSource(nameof(Creates))]
    public void A_region_spec_renders_as_the_kernel_took_it(DmStatsRegionSpec spec, string expected)
    {
        DmStatsMessages.Create(spec).Text.Should().Be(expected);
        StatsCapture.Read("commands.log").Should().Contain($"dmsetup message stscap-stats 0 {expected} >", "the capture sent exactly this text");
    }

    [Test]
    public void Aux_data_without_a_program_id_puts_the_kernels_dash_first() =>
        DmStatsMessages.Create(DmStatsRegionSpec.WholeDevice(DmStatsStep.OneArea) with { AuxData = "x" }).Text
            .Should().Be("@stats_create - /1 0 - x");

    [Test]
    public void The_other_messages_render_as_the_documentation_writes_them()
    {
        DmStatsMessages.Print(Zero).Text.Should().Be("@stats_print 0");
        DmStatsMessages.Print(Zero, 1, 2).Text.Should().Be("@stats_print 0 1 2");
        DmStatsMessages.Print(Zero, null, 5, clear: true).Text.Should().Be("@stats_print_clear 0 - 5");
        DmStatsMessages.Print(DmStatsRegionId.FromValue(3), 2, null).Text.Should().Be("@stats_print 3 2 -");
        DmStatsMessages.Delete(DmStatsRegionId.FromValue(4)).Text.Should().Be("@stats_delete 4");
        DmStatsMessages.Clear(DmStatsRegionId.FromValue(3)).Text.Should().Be("@stats_clear 3");
        DmStatsMessages.List().Text.Should().Be("@stats_list");
        DmStatsMessages.List("stsprog").Text.Should().Be("@stats_list stsprog");
        DmStatsMessages.SetAux(Zero, "note").Text.Should().Be("@stats_set_aux 0 note");
        DmStatsMessages.SetAux(Zero, null).Text.Should().Be("@stats_set_aux 0 -");
    }
}
