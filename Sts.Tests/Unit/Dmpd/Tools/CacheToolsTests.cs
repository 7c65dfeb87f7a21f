using System.Buffers.Binary;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Units;
using Sts.Dmpd;
using Sts.Dmpd.Damage;
using Sts.Dmpd.Tools;
using Sts.Fixtures.Requirements;
using Sts.Fixtures;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>The cache_* wrappers against the installed tools, on metadata restored from TestData/dmpd-tools/cache.xml.</summary>
[RequiresTool("thin_check")]
[RequiresTool("cache_check")]
[RequiresTool("cache_dump")]
[RequiresTool("cache_restore")]
public sealed class CacheToolsTests : DmpdToolTestBase
{
    [TestCase(null)]
    [TestCase(2)]
    [Scenario(46)]
    public async Task Dump_restore_dump_is_byte_identical(int? metadataVersion)
    {
        var xml = Scratch.CopyTestData("cache.xml");
        var first = await RestoreAsync(xml, "first.bin", metadataVersion);
        var firstDump = (await ToolSet.CacheDumpAsync(new CacheDumpOptions(first))).StandardOutput;
        var secondXml = Scratch.PathOf("first.xml");
        await File.WriteAllTextAsync(secondXml, firstDump);
        var second = await RestoreAsync(secondXml, "second.bin", metadataVersion);
        var secondDumpFile = Scratch.PathOf("second.xml");
        await ToolSet.CacheDumpAsync(new CacheDumpOptions(second) { Output = secondDumpFile });

        if (metadataVersion is null)
        {
            firstDump.Should().Be(File.ReadAllText(xml), "the XML is written in cache_dump's own form");
        }
        else
        {
            // 0.9.0 loses the dirty flag through a version-2 restore (dump shows dirty="false"
            // for cache block 1); the mappings themselves survive.
            firstDump.Should().Contain("cache_block=\"0\" origin_block=\"10\"")
                .And.Contain("cache_block=\"1\" origin_block=\"11\"")
                .And.Contain("cache_block=\"5\" origin_block=\"400\"");
        }

        File.ReadAllText(secondDumpFile).Should().Be(firstDump);
        (await ToolSet.CacheCheckAsync(new CacheCheckOptions(second))).Outcome.Should().Be(CheckOutcome.Clean);
    }

    [Test]
    public async Task A_zeroed_superblock_is_detected_and_repair_and_dump_fail_without_touching_the_input()
    {
        var metadata = await RestoreAsync(Scratch.CopyTestData("cache.xml"), "meta.bin");
        await new MetadataDamage().ZeroSuperblockAsync(metadata);
        var before = MetadataScratch.Sha256(metadata);

        var check = await ToolSet.CacheCheckAsync(new CacheCheckOptions(metadata) { SuperBlockOnly = true });
        var repair = await FluentActions.Awaiting(() => ToolSet.CacheRepairAsync(new CacheRepairOptions(metadata, Scratch.NewMetadataFile("out.bin"))))
            .Should().ThrowAsync<DmpdToolException>();
        await FluentActions.Awaiting(() => ToolSet.CacheDumpAsync(new CacheDumpOptions(metadata))).Should().ThrowAsync<DmpdToolException>();

        check.Outcome.Should().Be(CheckOutcome.ErrorsFound);
        check.SuperblockDamaged.Should().BeTrue();
        repair.Which.Kind.Should().Be(DmpdFailureKind.MetadataDamaged);
        repair.Which.StandardError.Should().Contain("superblock");
        MetadataScratch.Sha256(metadata).Should().Be(before);
    }

    [Test]
    [RequiresTool("cache_repair")]
    [Scenario(55)]
    public async Task A_scrambled_hint_array_is_detected_and_cache_repair_keeps_the_mappings()
    {
        var metadata = await RestoreAsync(Scratch.CopyTestData("cache.xml"), "meta.bin");
        // The hint array block holds the 4-byte hints 0, 1, 0, 0, 0, 2 of cache blocks 0-5.
        var hints = MetadataScratch.FindBlockContaining(metadata, [.. Le32(0), .. Le32(1), .. Le32(0), .. Le32(0), .. Le32(0), .. Le32(2)]);
        await new MetadataDamage().CorruptBlockAsync(metadata, hints);

        var damaged = await ToolSet.CacheCheckAsync(new CacheCheckOptions(metadata));
        var skippingHints = await ToolSet.CacheCheckAsync(new CacheCheckOptions(metadata) { SkipHints = true });
        var repaired = Scratch.NewMetadataFile("repaired.bin");
        await ToolSet.CacheRepairAsync(new CacheRepairOptions(metadata, repaired));

        damaged.Outcome.Should().Be(CheckOutcome.ErrorsFound);
        damaged.Messages.Should().Contain(m => m.Contains("checksum", StringComparison.Ordinal));
        skippingHints.Outcome.Should().Be(CheckOutcome.Clean, "only the hint array was damaged");
        (await ToolSet.CacheCheckAsync(new CacheCheckOptions(repaired))).Outcome.Should().Be(CheckOutcome.Clean);
        (await ToolSet.CacheDumpAsync(new CacheDumpOptions(repaired))).StandardOutput
            .Should().Contain("<mapping cache_block=\"1\" origin_block=\"11\" dirty=\"true\"/>")
            .And.Contain("<mapping cache_block=\"5\" origin_block=\"400\" dirty=\"false\"/>");
    }

    [Test]
    [RequiresTool("cache_metadata_size")]
    public async Task The_cache_metadata_size_estimate_matches_the_tool_and_grows_with_the_block_count()
    {
        var small = await ToolSet.EstimateCacheMetadataSizeAsync(1000);
        var large = await ToolSet.EstimateCacheMetadataSizeAsync(1_000_000);
        var raw = await new Command("cache_metadata_size").WithArguments("--nr-blocks", "1000").ExecuteAsync();
        var bySize = await ToolSet.CacheMetadataSizeAsync(new CacheMetadataSizeOptions
        {
            BlockSize = Size.FromKiB(64),
            DeviceSize = Size.FromMiB(1000) - Size.FromKiB(64 * 10), // 15990 blocks
        });

        raw.StandardOutput.Trim().Should().Be($"{small.Count} sectors");
        large.Should().BeGreaterThan(small);
        bySize.StandardOutput.Should().EndWith("sectors\n");
    }

    [Test]
    [RequiresTool("cache_writeback")]
    public async Task Cache_writeback_copies_the_dirty_block_from_the_fast_device_to_its_origin_block()
    {
        const int blockBytes = 128 * 512;
        var metadata = await RestoreAsync(Scratch.CopyTestData("cache.xml"), "meta.bin");
        var origin = Scratch.NewMetadataFile("origin.bin", 1024L * blockBytes);
        var fast = Scratch.NewMetadataFile("fast.bin", 256L * blockBytes);
        var pattern = new byte[blockBytes];
        new Random(5).NextBytes(pattern);
        await using (var stream = new FileStream(fast, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 1L * blockBytes; // cache block 1 is the dirty one, cached from origin block 11
            await stream.WriteAsync(pattern);
        }

        // 0.9.0 segfaults after "Updating metadata" on a metadata file, so the flags stay as they are.
        var output = await ToolSet.CacheWritebackAsync(new CacheWritebackOptions(metadata, origin, fast)
        {
            NoMetadataUpdate = true,
            BufferSizeMeg = 4,
        });

        var copied = new byte[blockBytes];
        await using (var stream = new FileStream(origin, FileMode.Open, FileAccess.Read))
        {
            stream.Position = 11L * blockBytes;
            await stream.ReadExactlyAsync(copied);
        }

        copied.Should().Equal(pattern);
        output.ExitCode.Should().Be(0);
    }

    private async Task<string> RestoreAsync(string xml, string name, int? metadataVersion = null)
    {
        var metadata = Scratch.NewMetadataFile(name, 8L << 20);
        await ToolSet.CacheRestoreAsync(new CacheRestoreOptions(xml, metadata) { MetadataVersion = metadataVersion });
        return metadata;
    }

    private static byte[] Le32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }
}
