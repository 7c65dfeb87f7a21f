using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dmpd.Formats.Cache;
using Sts.Dmpd.Formats.Era;
using Sts.Fixtures.Requirements;
using static Sts.Tests.Unit.Dmpd.Formats.DmpdTestFiles;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>cache and era documents written by Sts restore with the real tools and dump back identically.</summary>
[RequiresTool("cache_restore")]
[RequiresTool("cache_dump")]
[RequiresTool("era_restore")]
[RequiresTool("era_dump")]
public sealed class CacheEraRealToolTests : ScratchTestBase
{
    [Test]
    public async Task A_larger_written_cache_restores_and_dumps_back_to_the_same_bytes()
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

        dump.StandardOutput.Should().Be(File.ReadAllText(xml));
        CacheMetadata.Parse(dump.StandardOutput).Should().BeEquivalentTo(cache);
    }

    [Test]
    public async Task A_written_era_restores_and_dumps_back_to_the_same_bytes()
    {
        var era = EraMetadata.Load(PathOf("era.dump.xml"));
        var xml = Scratch.PathOf("era.xml");
        (era with { Superblock = era.Superblock with { CurrentEra = 9 } }).Save(xml);
        var meta = Scratch.NewMetadataFile("emeta.bin", 8 << 20);

        (await RunAsync("era_restore", "-i", xml, "-o", meta)).ExitCode.Should().Be(0);
        var dump = await RunAsync("era_dump", meta);

        dump.StandardOutput.Should().Be(File.ReadAllText(xml));
        EraMetadata.Parse(dump.StandardOutput).Superblock.CurrentEra.Should().Be(9);
    }
}
