using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dmpd.Formats.Reports;
using static Sts.Tests.Unit.Dmpd.Formats.DmpdTestFiles;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>
/// Text and XML reports of the 0.9.0 tools (TestData/dmpd). Expected values follow from
/// thin.input.xml: device 1 maps 24 blocks, 12 of them shared with 2 (blocks 0..7, 20, 30..32)
/// or 5 (blocks 0..1); 64 KiB blocks.
/// </summary>
public sealed class ReportParsingTests
{
    [Test]
    public void Thin_ls_default_output_has_four_devices_with_exact_sizes()
    {
        var report = ThinLsReport.Parse(Read("thin_ls.default"));

        report.Fields.Should().Equal(ThinLsReport.DefaultFields);
        report.Rows.Select(r => r.Dev).Should().Equal(1u, 2u, 5u, 7u);
        report.Rows.Select(r => r.Mapped).Should().Equal(Size.FromKiB(24 * 64), Size.FromKiB(20 * 64), Size.FromKiB(6 * 64), Size.Zero);
        report.Rows.Select(r => (r.CreateTime, r.SnapTime)).Should().Equal((0UL, 1UL), (1UL, 1UL), (2UL, 2UL), (2UL, 2UL));
        report.Rows[0].MappedBlocks.Should().BeNull("thin_ls was not asked for MAPPED_BLOCKS");
    }

    [Test]
    public void Thin_ls_without_headers_parses_with_the_fields_the_caller_asked_for()
    {
        var headless = ThinLsReport.ParseWithoutHeaders(Read("thin_ls.no-headers"), ThinLsReport.DefaultFields);
        var headed = ThinLsReport.Parse(Read("thin_ls.default"));

        headless.Rows.Select(r => (r.Dev, r.Mapped, r.SnapTime)).Should().Equal(headed.Rows.Select(r => (r.Dev, r.Mapped, r.SnapTime)));
    }

    [Test]
    public void Thin_ls_with_every_field_agrees_with_itself_across_units()
    {
        var report = ThinLsReport.Parse(Read("thin_ls.all-fields"));

        report.Fields.Should().HaveCount(16);
        var origin = report.Rows[0];
        (origin.MappedBlocks, origin.ExclusiveBlocks, origin.SharedBlocks).Should().Be((24UL, 12UL, 12UL));
        origin[ThinLsField.MappedSectors].Should().Be(24 * 128);
        origin[ThinLsField.SharedBytes].Should().Be(12 * 65536);
        origin.Exclusive.Should().Be(Size.FromKiB(768));
        report.Rows.Select(r => r.Transaction).Should().Equal(0UL, 3UL, 5UL, 6UL);
        report.Rows.Should().OnlyContain(r => r[ThinLsField.MappedBytes] == (ulong)r.Mapped!.Value.Bytes);
    }

    [Test]
    public void Thin_ls_prints_100_GiB_in_GiB()
    {
        var row = ThinLsReport.Parse(Read("thin_ls.100g")).Rows.Single();

        row.MappedBlocks.Should().Be(1638400);
        row.Mapped.Should().Be(Size.FromGiB(100));
        row.Shared.Should().Be(Size.Zero);
        ThinLsReport.FormatFieldList([ThinLsField.Dev, ThinLsField.MappedBlocks, ThinLsField.Mapped]).Should().Be("DEV,MAPPED_BLOCKS,MAPPED");
    }

    [Test]
    public void Thin_delta_of_origin_and_snapshot_shows_the_rewritten_blocks_as_different()
    {
        var report = ThinDeltaReport.Parse(Read("thin_delta.1-2.xml"));

        (report.Left, report.Right, report.Transaction, report.DataBlockSize).Should().Be((1UL, 2UL, 7UL, Sectors.FromCount(128)));
        report.Ranges.Should().Equal(
            new ThinDeltaRange(ThinDeltaKind.Same, 0, 8),
            new ThinDeltaRange(ThinDeltaKind.Different, 8, 8),
            new ThinDeltaRange(ThinDeltaKind.Same, 20, 1),
            new ThinDeltaRange(ThinDeltaKind.Same, 30, 3),
            new ThinDeltaRange(ThinDeltaKind.LeftOnly, 100, 4));
    }

    [Test]
    public void Verbose_thin_delta_adds_the_data_blocks_and_keeps_the_order()
    {
        var report = ThinDeltaReport.Parse(Read("thin_delta.1-2.verbose.xml"));

        report.Ranges.Select(r => r.Kind).Should().Equal(ThinDeltaKind.Same, ThinDeltaKind.Different, ThinDeltaKind.Same, ThinDeltaKind.Same, ThinDeltaKind.LeftOnly);
        report.Ranges[1].Should().Be(new ThinDeltaRange(ThinDeltaKind.Different, 8, 8, null, 8, 60));
        report.Ranges[2].DataBegin.Should().Be(16);
        report.Ranges.Select(r => (r.Begin, r.Length)).Should().Equal(ThinDeltaReport.Parse(Read("thin_delta.1-2.xml")).Ranges.Select(r => (r.Begin, r.Length)));
    }

    [Test]
    public void Thin_delta_against_a_device_with_its_own_blocks_counts_each_kind()
    {
        var plain = ThinDeltaReport.Parse(Read("thin_delta.1-5.xml"));
        var verbose = ThinDeltaReport.Parse(Read("thin_delta.1-5.verbose.xml"));

        plain.CountBlocks(ThinDeltaKind.Same).Should().Be(2);
        plain.CountBlocks(ThinDeltaKind.Different).Should().Be(2);
        plain.CountBlocks(ThinDeltaKind.LeftOnly).Should().Be(12 + 1 + 3 + 4);
        plain.Of(ThinDeltaKind.RightOnly).Select(r => r.Begin).Should().Equal(500UL, 502UL);
        verbose.Of(ThinDeltaKind.RightOnly).Select(r => r.DataBegin).Should().Equal(90UL, 91UL);
    }

    [Test]
    public void Thin_rmap_lists_who_maps_each_data_block()
    {
        var report = ThinRmapReport.Parse(Read("thin_rmap.all"));

        report.Entries.Should().HaveCount(12);
        report.Entries[0].Should().Be(new ThinRmapEntry(0, 16, 1, 0, 16));
        report.Entries.Where(e => e.DataBegin == 16).Select(e => e.DevId).Should().Equal(1u, 2u);
        report.Entries.GroupBy(e => e.DevId).ToDictionary(g => g.Key, g => g.Aggregate(0UL, (s, e) => s + e.Length))
            .Should().Equal(new Dictionary<uint, ulong> { [1] = 24, [2] = 20, [5] = 6 });
        ThinRmapReport.Parse(Read("thin_rmap.two-regions")).Entries.Should().HaveCount(7);
    }

    [TestCase("thin_metadata_size.sectors", 9048, MetadataSizeUnit.Sectors)]
    [TestCase("thin_metadata_size.mebibytes", 4.42, MetadataSizeUnit.Mebibytes)]
    [TestCase("thin_metadata_size.gibibytes", 0.00431, MetadataSizeUnit.Gibibytes)]
    [TestCase("thin_metadata_size.megabytes", 549.49, MetadataSizeUnit.Megabytes)]
    [TestCase("thin_metadata_size.numeric-short", 9048, MetadataSizeUnit.Sectors)]
    [TestCase("thin_metadata_size.numeric-long", 4.42, MetadataSizeUnit.Mebibytes)]
    [TestCase("thin_metadata_size.bytes-short", 4632576, MetadataSizeUnit.Bytes)]
    [TestCase("cache_metadata_size.nr-blocks", 8246, MetadataSizeUnit.Sectors)]
    [TestCase("cache_metadata_size.device-size", 9088, MetadataSizeUnit.Sectors)]
    public void Metadata_size_estimates_parse_with_their_unit(string file, decimal value, MetadataSizeUnit unit)
    {
        var report = MetadataSizeReport.Parse(Read(file));

        (report.Value, report.Unit).Should().Be((value, unit));
    }

    [Test]
    public void The_same_estimate_agrees_across_units()
    {
        var sectors = MetadataSizeReport.Parse(Read("thin_metadata_size.sectors"));
        var bytes = MetadataSizeReport.Parse(Read("thin_metadata_size.bytes-short"));
        var mebibytes = MetadataSizeReport.Parse(Read("thin_metadata_size.mebibytes"));

        sectors.Bytes.Should().Be(bytes.Bytes).And.Be(9048m * 512);
        mebibytes.Bytes.Should().BeApproximately(bytes.Bytes!.Value, 0.005m * 1024 * 1024, "rounded to two decimals");
        sectors.Parameters.Should().Be("--block-size=64kibibytes --pool-size=1gibibytes --max-thins=1000");
    }

    [Test]
    public void A_bare_number_takes_the_unit_the_caller_asked_for()
    {
        MetadataSizeReport.Parse(Read("thin_metadata_size.numeric"), MetadataSizeUnit.Sectors).Should().Be(new MetadataSizeReport(9048, MetadataSizeUnit.Sectors, null));
        MetadataSizeReport.Parse(Read("thin_metadata_size.numeric")).Unit.Should().BeNull();
        MetadataSizeReport.Letter(MetadataSizeUnit.Megabytes).Should().Be('M');
    }

    [Test]
    public void Era_invalidate_lists_the_blocks_written_since_an_era()
    {
        // era array of era.input.xml: blocks 2,3,14 in era 2; 4,8,9,10 in era 3.
        EraInvalidateReport.Parse(Read("era_invalidate.since-2.xml")).Blocks.Should().Equal(2UL, 3UL, 4UL, 8UL, 9UL, 10UL, 14UL);
        var since3 = EraInvalidateReport.Parse(Read("era_invalidate.since-3.xml"));
        since3.Ranges.Should().Equal(new EraInvalidateRange(4, 5, true), new EraInvalidateRange(8, 11, false));
        EraInvalidateReport.Parse(Read("era_invalidate.since-0.xml")).BlockCount.Should().Be(16);
        EraInvalidateReport.Parse(Read("era_invalidate.since-9.xml")).Ranges.Should().BeEmpty();
    }
}
