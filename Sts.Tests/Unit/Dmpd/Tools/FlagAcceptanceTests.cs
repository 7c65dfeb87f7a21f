using FluentAssertions;
using NUnit.Framework;
using Sts.Dmpd.Tools;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>
/// Every flag the installed version is said to have is accepted by the real tool: on clean
/// metadata each combination still checks clean or dumps, so no option is spelled wrong.
/// </summary>
[RequiresDmpdTool("thin_check")]
[RequiresDmpdTool("thin_restore")]
[RequiresDmpdTool("cache_check")]
[RequiresDmpdTool("cache_restore")]
[RequiresDmpdTool("era_check")]
[RequiresDmpdTool("era_restore")]
public sealed class FlagAcceptanceTests : DmpdToolTestBase
{
    [Test]
    public async Task Thin_check_accepts_each_of_its_flags_on_clean_metadata()
    {
        var metadata = Scratch.NewMetadataFile("meta.bin");
        await ToolSet.ThinRestoreAsync(new ThinRestoreOptions(Scratch.CopyTestData("thin.xml"), metadata)
        {
            Quiet = true,
            TransactionId = 2,
            DataBlockSize = 128,
            NrDataBlocks = 1024,
        });
        ThinCheckOptions[] variants =
        [
            new(metadata) { Quiet = true },
            new(metadata) { SuperBlockOnly = true },
            new(metadata) { SkipMappings = true },
            new(metadata) { IgnoreNonFatalErrors = true },
            new(metadata) { ClearNeedsCheckFlag = true },
            new(metadata) { AutoRepair = true },
        ];

        foreach (var options in variants)
        {
            var check = await ToolSet.ThinCheckAsync(options);
            check.Outcome.Should().Be(CheckOutcome.Clean, $"{string.Join(' ', check.Arguments)}: {check.StandardError}");
        }

        var snapshot = await ToolSet.ThinCheckAsync(new ThinCheckOptions(metadata) { MetadataSnapshot = true });
        snapshot.Outcome.Should().Be(CheckOutcome.Failed, "the metadata has no snapshot: " + snapshot.StandardError);
    }

    [Test]
    public async Task Thin_dump_accepts_the_superblock_overrides_and_writes_them()
    {
        var metadata = Scratch.NewMetadataFile("meta.bin");
        await ToolSet.ThinRestoreAsync(new ThinRestoreOptions(Scratch.CopyTestData("thin.xml"), metadata));

        var dump = await ToolSet.ThinDumpAsync(new ThinDumpOptions(metadata) { Repair = true, TransactionId = 2, DataBlockSize = 128, NrDataBlocks = 1024 });

        dump.StandardOutput.Should().Contain("transaction=\"2\"").And.Contain("nr_data_blocks=\"1024\"");
    }

    [Test]
    public async Task Cache_check_and_era_check_accept_each_of_their_flags_on_clean_metadata()
    {
        var cache = Scratch.NewMetadataFile("cache.bin", 8L << 20);
        await ToolSet.CacheRestoreAsync(new CacheRestoreOptions(Scratch.CopyTestData("cache.xml"), cache) { Quiet = true, OmitCleanShutdown = false });
        var era = Scratch.NewMetadataFile("era.bin", 8L << 20);
        await ToolSet.EraRestoreAsync(new EraRestoreOptions(Scratch.CopyTestData("era.xml"), era) { Quiet = true });
        DmpdCheckOptions[] variants =
        [
            new CacheCheckOptions(cache) { Quiet = true },
            new CacheCheckOptions(cache) { SuperBlockOnly = true },
            new CacheCheckOptions(cache) { SkipMappings = true, SkipHints = true, SkipDiscards = true },
            new CacheCheckOptions(cache) { ClearNeedsCheckFlag = true },
            new EraCheckOptions(era) { Quiet = true },
            new EraCheckOptions(era) { SuperBlockOnly = true },
        ];

        foreach (var options in variants)
        {
            var check = await ToolSet.CheckAsync(options);
            check.Outcome.Should().Be(CheckOutcome.Clean, $"{check.Tool} {string.Join(' ', check.Arguments)}: {check.StandardError}");
        }
    }

    [Test]
    [RequiresDmpdTool("thin_metadata_pack")]
    [RequiresDmpdTool("thin_metadata_unpack")]
    public async Task Pack_then_unpack_gives_metadata_that_dumps_like_the_original()
    {
        var metadata = Scratch.NewMetadataFile("meta.bin");
        await ToolSet.ThinRestoreAsync(new ThinRestoreOptions(Scratch.CopyTestData("thin.xml"), metadata));
        var packed = Scratch.PathOf("meta.pack");
        var unpacked = Scratch.NewMetadataFile("unpacked.bin");

        await ToolSet.ThinMetadataPackAsync(new ThinMetadataPackOptions(metadata, packed) { Force = true });
        await ToolSet.ThinMetadataUnpackAsync(new ThinMetadataUnpackOptions(packed, unpacked) { Force = true });

        (await ToolSet.ThinDumpAsync(new ThinDumpOptions(unpacked))).StandardOutput
            .Should().Be((await ToolSet.ThinDumpAsync(new ThinDumpOptions(metadata))).StandardOutput);
    }

    [Test]
    [RequiresDmpdTool("thin_shrink")]
    public async Task Thin_shrink_without_copying_rewrites_the_xml_for_a_smaller_pool()
    {
        var data = Scratch.NewMetadataFile("data.bin", 1024L * 65536);
        var output = Scratch.PathOf("shrunk.xml");

        await ToolSet.ThinShrinkAsync(new ThinShrinkOptions(Scratch.CopyTestData("thin.xml"), output, data, 512) { NoCopy = true });

        File.ReadAllText(output).Should().Contain("nr_data_blocks=\"512\"");
    }
}
