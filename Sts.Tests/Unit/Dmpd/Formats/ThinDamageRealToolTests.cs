using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Dmpd.Formats.Reports;
using Sts.Dmpd.Tools;
using Sts.Dmpd.Formats.Thin;
using Sts.Fixtures.Requirements;
using static Sts.Tests.Unit.Dmpd.Formats.DmpdTestFiles;
using Sts.Fixtures;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>
/// Crafted XML damage restored with the selected thin_restore and judged by its thin_check.
/// Both generations drop a zero-length range, refuse mappings beyond the data device (leaving a
/// file thin_check rejects) and accept a data block mapped twice by one device. They differ on a
/// wrong mapped_blocks (0.9.0 recomputes it on restore; 1.x writes it, and its thin_check
/// reports the mismatch) and on a duplicate device (0.9.0 refuses it; 1.x accepts it, a
/// known 1.x issue).
/// </summary>
[RequiresDmpdTool("thin_restore")]
[RequiresDmpdTool("thin_dump")]
[RequiresDmpdTool("thin_check")]
[RequiresDmpdTool("thin_rmap")]
public sealed class ThinDamageRealToolTests : DmpdToolTestBase
{
    private ThinMetadata _clean = null!;

    [SetUp]
    public void LoadCleanMetadata() => _clean = ThinMetadata.Load(PathOf("thin.dump.xml"));

    [Test]
    public async Task The_uncrafted_metadata_restores_and_checks_clean()
    {
        var (restore, check, _) = await RestoreAndCheckAsync(_clean);

        restore.ExitCode.Should().Be(0);
        check.ExitCode.Should().Be(0);
        check.StandardOutput.Should().Contain("TRANSACTION_ID=7");
    }

    [Test]
    [Scenario(48)]
    public async Task A_zero_length_range_is_dropped_by_thin_restore_and_the_metadata_checks_clean()
    {
        var crafted = _clean.WithZeroLengthMapping(1);
        crafted.ToXml().Should().Contain("<range_mapping origin_begin=\"105\" data_begin=\"44\" length=\"0\" time=\"0\"/>");

        var (restore, check, meta) = await RestoreAndCheckAsync(crafted);

        restore.ExitCode.Should().Be(0);
        check.ExitCode.Should().Be(0, "thin_check sees metadata without the range");
        ThinMetadata.Parse((await RunAsync("thin_dump", meta)).StandardOutput)
            .Should().BeEquivalentTo(_clean, o => o.WithStrictOrdering(), "the range of length 0 maps nothing");
    }

    [Test]
    [Scenario(48)]
    public async Task Mapped_blocks_off_by_500_is_recomputed_by_0_9_and_reported_by_1_x_thin_check()
    {
        var crafted = _clean.WithMappedBlocksOffBy(1, 500);
        crafted.Device(1).Device.MappedBlocks.Should().Be(524);

        var (restore, _, meta) = await RestoreAndCheckAsync(crafted);
        var check = await ToolSet.ThinCheckAsync(new ThinCheckOptions(meta));

        restore.ExitCode.Should().Be(0);
        if (ToolSet.Generation == DmpdGeneration.Cpp)
        {
            // 0.9.0's thin_restore counts the mappings itself, so XML cannot carry this damage.
            check.Outcome.Should().Be(CheckOutcome.Clean);
            ThinMetadata.Parse((await RunAsync("thin_dump", meta)).StandardOutput).Device(1).Device.MappedBlocks.Should().Be(24);
        }
        else
        {
            // 1.x's thin_restore writes the XML's count (device_b in src/thin/restore.rs), and its
            // thin_check finds it: "Thin device 1 has unexpected number of mappings, expected 524, actual 24".
            check.Outcome.Should().Be(CheckOutcome.ErrorsFound);
            check.Messages.Should().Contain(m => m.Contains("unexpected number of mappings", StringComparison.Ordinal));
        }
    }

    [Test]
    [Scenario(48)]
    public async Task A_mapping_beyond_the_data_device_is_refused_and_leaves_metadata_thin_check_rejects()
    {
        var (restore, check, _) = await RestoreAndCheckAsync(_clean.WithMappingBeyondDataDevice(2));

        // 0.9.0: "mapping beyond end of data device (1024 >= 1024)"; 1.x: "block out of bounds".
        restore.ExitCode.Should().NotBe(0);
        DmpdFailureClassifier.Classify(restore.ExitCode, restore.StandardError, checkingTool: false).Should().Be(DmpdFailureKind.Failed);
        var typed = CheckResult.FromRun("thin_check", [], check.ExitCode, check.StandardOutput, check.StandardError, check.Duration);
        typed.Outcome.Should().Be(CheckOutcome.ErrorsFound);
        typed.SuperblockDamaged.Should().BeTrue("the failed restore left no valid superblock");
    }

    [Test]
    public async Task Too_few_data_blocks_for_the_mappings_is_refused()
    {
        _clean.DataBlocksInUse().Should().Be(92, "device 5 maps data block 91");

        var (restore, check, _) = await RestoreAndCheckAsync(_clean.WithNrDataBlocks(91));

        restore.ExitCode.Should().NotBe(0);
        DmpdFailureClassifier.Classify(restore.ExitCode, restore.StandardError, checkingTool: false).Should().Be(DmpdFailureKind.Failed);
        check.ExitCode.Should().NotBe(0);
    }

    [Test]
    [Scenario(48)]
    [KnownToolIssue("thin_restore 1.x accepts a device id given twice and writes metadata its own thin_check rejects (\"Bad reference count for data block 0. Expected 3, but space map contains 4\"): device_e in src/thin/restore.rs inserts the second copy into a BTreeMap, silently replacing the first, whose mappings were already counted in the data space map (still so in 1.3.3); 0.9.0 refuses it: \"Device already exists\"", "thin_restore", null, Since = "1.0")]
    public async Task A_duplicate_device_is_refused_and_leaves_metadata_thin_check_rejects()
    {
        var (restore, check, _) = await RestoreAndCheckAsync(_clean.WithDuplicateDevice(5));

        check.ExitCode.Should().NotBe(0);
        restore.ExitCode.Should().NotBe(0, "a device id given twice is not valid metadata");
    }

    [Test]
    public async Task A_data_block_mapped_twice_by_one_device_passes_thin_check_but_shows_in_thin_rmap()
    {
        var (restore, check, meta) = await RestoreAndCheckAsync(_clean.WithDoubleMappedDataBlock(5));

        restore.ExitCode.Should().Be(0);
        check.ExitCode.Should().Be(0, "thin_check (0.9.0 and 1.1.0) does not look for this");
        var rmap = ThinRmapReport.Parse((await RunAsync("thin_rmap", "--region", "0..1", meta)).StandardOutput);
        rmap.Entries.Where(e => e.DevId == 5).Select(e => e.ThinBegin).Should().Equal(0UL, 504UL);
    }

    private async Task<(CommandResult Restore, CommandResult Check, string Metadata)> RestoreAndCheckAsync(ThinMetadata metadata)
    {
        var xml = Scratch.PathOf("crafted.xml");
        metadata.Save(xml);
        var meta = Scratch.NewMetadataFile("meta.bin", 8 << 20);
        var restore = await RunAsync("thin_restore", "-i", xml, "-o", meta);
        var check = await RunAsync("thin_check", meta);
        return (restore, check, meta);
    }
}
