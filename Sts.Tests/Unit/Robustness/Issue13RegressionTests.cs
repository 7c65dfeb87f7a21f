using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Host;
using Sts.Core.Safety;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Stats;
using Sts.Dm.Status;
using Sts.Dm.Tables;
using Sts.Dmpd;
using Sts.Dmpd.Formats.Cache;
using Sts.Dmpd.Formats.Era;
using Sts.Dmpd.Formats.Reports;
using Sts.Dmpd.Formats.Thin;
using Sts.Tests.Fuzz;
using Sts.Tests.TestData;

namespace Sts.Tests.Unit.Robustness;

/// <summary>
/// The reproducers of issue 13 (found by a mutation fuzzer seeded from TestData and a hand-made
/// corpus), one per defect: each must now give a correct value or the documented exception.
/// </summary>
public sealed class Issue13RegressionTests
{
    // Hangs ----------------------------------------------------------------------------------

    [Test]
    public void Size_parsing_takes_linear_time_in_a_run_of_whitespace()
    {
        var watch = Stopwatch.StartNew();
        Size.TryParse(new string(' ', 100_000) + "x", null, out _).Should().BeFalse();
        Size.Parse("1" + new string(' ', 100_000) + "M").Should().Be(Size.FromMiB(1));
        FluentActions.Invoking(() => Size.Parse(new string('\t', 100_000))).Should().Throw<InvalidSizeException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "100,000 whitespace characters took 18 s with the backtracking pattern");
    }

    [Test]
    public void Tool_version_parsing_takes_linear_time_in_a_run_of_digits()
    {
        var watch = Stopwatch.StartNew();
        Tools.ParseVersion(new string('1', 100_000)).Should().BeNull();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    // Undocumented exceptions ----------------------------------------------------------------

    [Test]
    public void A_multipath_status_whose_selector_count_exceeds_the_words_left_is_a_parse_error() =>
        FluentActions.Invoking(() => DmStatus.Parse("multipath", "0 0 1 1 A 0 1 3 7:54 A 0 "))
            .Should().Throw<DmParseException>().WithMessage("*expected 3 more words*");

    [TestCase("snapshot", "18446744073709551615/16384 32")]
    [TestCase("snapshot-merge", "9223372036854775807/16384 32")]
    [TestCase("snapshot", "64/18014398509481984 32")]
    [TestCase("raid", "raid1 2 AA 18446744073709551615/2048 idle 0 0 -")]
    public void Statuses_with_sector_counts_near_2_to_the_64_are_parse_errors(string type, string status) =>
        FluentActions.Invoking(() => DmStatus.Parse(type, status)).Should().Throw<DmParseException>();

    [Test]
    public void A_table_whose_end_passes_the_largest_sector_count_is_a_parse_error()
    {
        FluentActions.Invoking(() => DmTable.Parse("0 18014398509481983 zero\n18014398509481983 1 zero\n"))
            .Should().Throw<DmParseException>().WithMessage("*largest sector count*");
        FluentActions.Invoking(() => DmTableLine.Parse("18014398509481983 1 zero")).Should().Throw<DmParseException>();
        DmTable.Parse("0 18014398509481983 zero\n").Length.Count.Should().Be(long.MaxValue / 512);
    }

    [TestCase("١٢M")] // Arabic-Indic digits
    [TestCase("３G")] // fullwidth
    [TestCase("1.５k")]
    public void Sizes_in_non_ASCII_digits_are_refused_with_the_documented_exception(string text)
    {
        FluentActions.Invoking(() => Size.Parse(text)).Should().Throw<InvalidSizeException>();
        Size.TryParse(text, null, out _).Should().BeFalse();
    }

    [TestCase("٦.١.٠-amd64")]
    [TestCase("6.99999999999-rc1")]
    [TestCase("99999999999.1")]
    [TestCase("6.1.99999999999")]
    public void Kernel_releases_in_non_ASCII_digits_or_with_overlong_numbers_are_refused_with_StsException(string release) =>
        FluentActions.Invoking(() => HostInfo.ParseKernelVersion(release)).Should().Throw<StsException>();

    [TestCase("6.1.0-56-amd64", "6.1.0")]
    [TestCase("6.18.44-fc", "6.18.44")]
    [TestCase("6.1", "6.1.0")]
    [TestCase("6.1.x", "6.1.0")]
    public void Kernel_releases_still_give_their_leading_version(string release, string version) =>
        HostInfo.ParseKernelVersion(release).Should().Be(Version.Parse(version));

    [TestCase("\"offset\":\"99999999999999999999\"")]
    [TestCase("\"offset\":99999999999999999999")]
    [TestCase("\"offset\":-1")]
    public void Losetup_json_with_an_out_of_range_number_is_refused_with_StsException(string offset)
    {
        var json = "{\"loopdevices\":[{\"name\":\"/dev/loop0\",\"back-file\":\"/x\"," + offset +
                   ",\"sizelimit\":0,\"ro\":false,\"dio\":false,\"log-sec\":512}]}";
        FluentActions.Invoking(() => LoopDevice.ParseList(json)).Should().Throw<StsException>();
        FluentActions.Invoking(() => LoopDevice.ParseList(json.Replace(offset, "\"offset\":0", StringComparison.Ordinal).Replace("512", "4294967296", StringComparison.Ordinal)))
            .Should().Throw<StsException>("a logical sector size past 2^31 would wrap to a negative int");
    }

    [Test]
    public void A_kernel_log_record_with_a_huge_timestamp_is_a_format_error()
    {
        FluentActions.Invoking(() => KernelLogRecord.Parse("6,1,18446744073709551615,-;x")).Should().Throw<FormatException>();
        FluentActions.Invoking(() => KernelLogRecord.Parse("6,1,٣,-;x")).Should().Throw<FormatException>();
        KernelLogRecord.Parse("6,1,1500000,-;x").Timestamp.Should().Be(TimeSpan.FromSeconds(1.5));
    }

    [Test]
    public void An_era_invalidate_block_at_2_to_the_64_minus_1_is_a_parse_error() =>
        FluentActions.Invoking(() => EraInvalidateReport.Parse("<blocks>\n  <block block=\"18446744073709551615\"/>\n</blocks>\n"))
            .Should().Throw<DmpdParseException>();

    [Test]
    public void Device_guard_paths_that_cannot_name_a_file_are_refused_with_its_documented_exception()
    {
        FluentActions.Invoking(() => DeviceGuard.EnsureMayDestroy("")).Should().Throw<UnsafeOperationException>().WithMessage("*empty*");
        FluentActions.Invoking(() => DeviceGuard.EnsureMayDestroy("/tmp/a\0b")).Should().Throw<UnsafeOperationException>().WithMessage("*NUL*");
        FluentActions.Invoking(() => DeviceGuard.EnsureMayDestroy("/" + new string('a', 300_000))).Should().Throw<UnsafeOperationException>().WithMessage("*PATH_MAX*");
        var directory = Directory.CreateTempSubdirectory("sts-guard-loop-");
        try
        {
            File.CreateSymbolicLink(Path.Combine(directory.FullName, "a"), Path.Combine(directory.FullName, "b"));
            File.CreateSymbolicLink(Path.Combine(directory.FullName, "b"), Path.Combine(directory.FullName, "a"));
            FluentActions.Invoking(() => DeviceGuard.EnsureMayDestroy(Path.Combine(directory.FullName, "a", "file")))
                .Should().Throw<UnsafeOperationException>().WithMessage("*symbolic links*");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // Silently wrong values -------------------------------------------------------------------

    [Test]
    public void A_thin_ls_device_id_above_2_to_the_32_is_refused_not_truncated() =>
        FluentActions.Invoking(() => ThinLsReport.Parse("DEV MAPPED CREATE_TIME SNAP_TIME\n4294967296 0 0 0\n"))
            .Should().Throw<DmpdParseException>();

    [TestCase("Open count:        2147483648")]
    [TestCase("Number of targets: 4294967295")]
    public void Dmsetup_info_counts_past_2_to_the_31_are_refused_not_negative(string line)
    {
        var text = "Name: x\nState: ACTIVE\nTables present: LIVE\nEvent number: 0\nMajor, minor: 254, 0\n" + line + "\n";
        FluentActions.Invoking(() => DmsetupOutput.ParseInfo(text)).Should().Throw<DmParseException>();
    }

    [TestCase("DEV MAPPED CREATE_TIME SNAP_TIME\n1 8EiB 0 0\n")]
    [TestCase("DEV MAPPED CREATE_TIME SNAP_TIME\n1 9223372036854775808 0 0\n")]
    public void Thin_ls_sizes_past_a_Size_are_refused_so_every_returned_size_can_be_read(string text) =>
        FluentActions.Invoking(() => ThinLsReport.Parse(text)).Should().Throw<DmpdParseException>();

    [Test]
    public void Thin_ls_sizes_up_to_the_largest_Size_are_read()
    {
        var row = ThinLsReport.Parse("DEV MAPPED CREATE_TIME SNAP_TIME\n1 9223372036854775807 0 0\n").Rows[0];
        row.Mapped.Should().Be(Size.FromBytes(long.MaxValue));
    }

    [Test]
    public void An_era_invalidate_range_of_more_than_2_to_the_31_blocks_can_be_listed_and_counted()
    {
        var report = EraInvalidateReport.Parse("<blocks>\n  <range begin=\"0\" end=\"4294967296\"/>\n  <block block=\"7\"/>\n</blocks>\n");
        report.BlockCount.Should().Be(4294967297);
        report.Blocks.Take(3).Should().Equal(0UL, 1UL, 2UL);
        FluentActions.Invoking(() => EraInvalidateReport.Parse(
                "<blocks>\n  <range begin=\"0\" end=\"18446744073709551615\"/>\n  <range begin=\"0\" end=\"2\"/>\n</blocks>\n"))
            .Should().Throw<DmpdParseException>().WithMessage("*more than 2^64*");
    }

    [Test]
    public void A_metadata_size_whose_bytes_overflow_is_refused_so_Bytes_can_be_read() =>
        FluentActions.Invoking(() => MetadataSizeReport.Parse("10000000000000000000000000000 yobibytes\n")).Should().Throw<DmpdParseException>();

    [Test]
    public void Dm_stats_regions_and_areas_whose_ends_or_totals_overflow_are_parse_errors()
    {
        FluentActions.Invoking(() => DmStatsRegion.Parse("0: 18014398509481983+1 1 - -")).Should().Throw<DmParseException>();
        DmStatsRegion.Parse("0: 18014398509481982+1 1 - -").End.Count.Should().Be(18014398509481983);
        FluentActions.Invoking(() => DmStatsArea.Parse("0+8 18446744073709551615 0 0 0 1 0 0 0 0 0 0 0 0")).Should().Throw<DmParseException>();
        FluentActions.Invoking(() => DmStatsArea.Parse("0+8 0 0 18014398509481983 0 0 0 1 0 0 0 0 0 0")).Should().Throw<DmParseException>();
    }

    // Round trips ------------------------------------------------------------------------------

    [Test]
    public void Dump_writers_escape_tab_newline_and_control_characters_so_the_dump_reads_back_the_same()
    {
        const string uuid = "a\tb\nc\rd\u0001e\u001f\"<&>f";
        var thin = ThinMetadata.Parse(TestDataFile.Read("dmpd", "thin.dump.xml"));
        thin = thin with { Superblock = thin.Superblock with { Uuid = uuid } };
        ThinMetadata.Parse(thin.ToXml()).Superblock.Uuid.Should().Be(uuid);
        var cache = CacheMetadata.Parse(TestDataFile.Read("dmpd", "cache.dump.xml"));
        cache = cache with { Superblock = cache.Superblock with { Uuid = uuid } };
        CacheMetadata.Parse(cache.ToXml()).Superblock.Uuid.Should().Be(uuid);
        var era = EraMetadata.Parse(TestDataFile.Read("dmpd", "era.dump.xml"));
        era = era with { Superblock = era.Superblock with { Uuid = uuid } };
        EraMetadata.Parse(era.ToXml()).Superblock.Uuid.Should().Be(uuid);
    }

    [Test]
    public void A_dump_uuid_with_a_lone_surrogate_or_a_valid_pair_reads_back_the_same()
    {
        foreach (var uuid in new[] { "a\ud800b", "\udfff", "pair \ud83d\ude00" })
        {
            var thin = ThinMetadata.Parse(TestDataFile.Read("dmpd", "thin.dump.xml"));
            thin = thin with { Superblock = thin.Superblock with { Uuid = uuid } };
            ThinMetadata.Parse(thin.ToXml()).Superblock.Uuid.Should().Be(uuid);
        }
    }

    [TestCase("a\u0085b", "$'a\\u0085b'")]
    [TestCase("\u009b31m", "$'\\u009b31m'")]
    [TestCase("x\u0001y", "$'x\\x01y'")]
    public void Logged_command_lines_write_C1_characters_so_a_pasted_line_passes_the_same_bytes(string argument, string quoted)
    {
        CommandLine.Quote(argument).Should().Be(quoted);
        ShellWord.ToArgvBytes(quoted).Should().Equal(System.Text.Encoding.UTF8.GetBytes(argument));
    }
}
