using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dmpd.Formats.Cache;
using Sts.Dmpd.Formats.Era;
using Sts.Fixtures.Requirements;
using static Sts.Tests.Unit.Dmpd.Formats.DmpdTestFiles;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>cache and era documents written by Sts restore with the real tools and dump back identically.</summary>
[RequiresDmpdTool("cache_restore")]
[RequiresDmpdTool("cache_dump")]
[RequiresDmpdTool("era_restore")]
[RequiresDmpdTool("era_dump")]
public sealed class CacheEraRealToolTests : ScratchTestBase
{
    [Test]
    public async Task A_larger_written_cache_restores_and_dumps_back_to_the_same_model()
    {
        var cache = new CacheMetadata(
            new CacheSuperblock("", Sectors.FromCount(128), 4096, "smq", 4),
            [.. Enumerable.Range(0, 3000).Select(i => new CacheMapping((ulong)i, (ulong)(i * 7 + 3), i % 3 == 0))],
            [.. Enumerable.Range(0, 3000).Select(i => new CacheHint((ulong)i, Convert.ToBase64String(BitConverter.GetBytes(i))))]);
        var xml = Scratch.PathOf("cache.xml");
        cache.Save(xml);
        var meta = Scratch.NewMetadataFile("cmeta.bin", 8 << 20);

        (await RunAsync("cache_restore", "-i", xml, "-o", meta)).ExitCode.Should().Be(0);
        var dump = await RunAsync("cache_dump", meta);

        // Sts writes 0.9.0's form; 1.x dumps the same document without the final newline.
        dump.ExitCode.Should().Be(0, dump.StandardError);
        CacheMetadata.Parse(dump.StandardOutput).Should().BeEquivalentTo(cache, o => o.WithStrictOrdering());
    }

    [Test]
    public async Task A_written_era_restores_and_dumps_back_to_the_same_model()
    {
        // Era 3, the newest write set's: 1.x's era_dump cannot dump a current era newer than the
        // newest write set (EraToolsTests.A_restored_era_whose_newest_write_set_is_older_than_the_current_era_dumps).
        var captured = EraMetadata.Load(PathOf("era.dump.xml"));
        var era = captured with { Superblock = captured.Superblock with { CurrentEra = 3 } };
        var xml = Scratch.PathOf("era.xml");
        era.Save(xml);
        var meta = Scratch.NewMetadataFile("emeta.bin", 8 << 20);

        (await RunAsync("era_restore", "-i", xml, "-o", meta)).ExitCode.Should().Be(0);
        var dump = await RunAsync("era_dump", meta);

        dump.ExitCode.Should().Be(0, dump.StandardError);
        EraMetadata.Parse(dump.StandardOutput).Should().BeEquivalentTo(era, o => o.WithStrictOrdering());
    }
}
