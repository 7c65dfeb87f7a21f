using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Dmpd.Formats.Reports;
using Sts.Dmpd.Formats.Thin;
using Sts.Fixtures.Requirements;
using static Sts.Tests.Unit.Dmpd.Formats.DmpdTestFiles;
using Sts.Fixtures;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>
/// Crafted XML damage restored with the real thin_restore 0.9.0 and judged by the real
/// thin_check. What these show about 0.9.0: it repairs a wrong mapped_blocks and a
/// zero-length range on restore (so those cannot produce damaged metadata from XML), refuses
/// mappings beyond the data device and duplicate devices (leaving a file thin_check rejects),
/// and accepts a data block mapped twice by one device.
/// </summary>
[RequiresTool("thin_restore")]
[RequiresTool("thin_dump")]
[RequiresTool("thin_check")]
[RequiresTool("thin_rmap")]
public sealed class ThinDamageRealToolTests : ScratchTestBase
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
        check.ExitCode.Should().Be(0, "thin_check 0.9.0 sees metadata without the range");
        (await RunAsync("thin_dump", meta)).StandardOutput.Should().Be(Read("thin.dump.xml"));
    }

    [Test]
    [Scenario(48)]
    public async Task Mapped_blocks_off_by_500_is_recomputed_by_thin_restore()
    {
        var crafted = _clean.WithMappedBlocksOffBy(1, 500);
        crafted.Device(1).Device.MappedBlocks.Should().Be(524);

        var (restore, check, meta) = await RestoreAndCheckAsync(crafted);

        restore.ExitCode.Should().Be(0);
        check.ExitCode.Should().Be(0);
        ThinMetadata.Parse((await RunAsync("thin_dump", meta)).StandardOutput).Device(1).Device.MappedBlocks.Should().Be(24);
    }

    [Test]
    [Scenario(48)]
    public async Task A_mapping_beyond_the_data_device_is_refused_and_leaves_metadata_thin_check_rejects()
    {
        var (restore, check, _) = await RestoreAndCheckAsync(_clean.WithMappingBeyondDataDevice(2));

        restore.ExitCode.Should().NotBe(0);
        restore.StandardError.Should().Contain("mapping beyond end of data device (1024 >= 1024)");
        check.ExitCode.Should().NotBe(0);
        (check.StandardOutput + check.StandardError).Should().Contain("superblock is corrupt");
    }

    [Test]
    public async Task Too_few_data_blocks_for_the_mappings_is_refused()
    {
        _clean.DataBlocksInUse().Should().Be(92, "device 5 maps data block 91");

        var (restore, check, _) = await RestoreAndCheckAsync(_clean.WithNrDataBlocks(91));

        restore.ExitCode.Should().NotBe(0);
        restore.StandardError.Should().Contain("mapping beyond end of data device (91 >= 91)");
        check.ExitCode.Should().NotBe(0);
    }

    [Test]
    [Scenario(48)]
    public async Task A_duplicate_device_is_refused_and_leaves_metadata_thin_check_rejects()
    {
        var (restore, check, _) = await RestoreAndCheckAsync(_clean.WithDuplicateDevice(5));

        restore.ExitCode.Should().NotBe(0);
        restore.StandardError.Should().Contain("Device already exists");
        check.ExitCode.Should().NotBe(0);
    }

    [Test]
    public async Task A_data_block_mapped_twice_by_one_device_passes_thin_check_but_shows_in_thin_rmap()
    {
        var (restore, check, meta) = await RestoreAndCheckAsync(_clean.WithDoubleMappedDataBlock(5));

        restore.ExitCode.Should().Be(0);
        check.ExitCode.Should().Be(0, "thin_check 0.9.0 does not look for this");
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
