using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dmpd.Formats.Cache;
using Sts.Dmpd.Formats.Era;
using static Sts.Tests.Unit.Dmpd.Formats.DmpdTestFiles;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>cache_dump and era_dump XML read and written, against the 0.9.0 tools' own output.</summary>
public sealed class CacheEraFormatTests
{
    [Test]
    public void The_captured_cache_dump_has_the_input_mappings_and_hints()
    {
        var cache = CacheMetadata.Load(PathOf("cache.dump.xml"));

        cache.Superblock.Should().Be(new CacheSuperblock("", Sectors.FromCount(128), 64, "smq", 4));
        cache.Mappings.Should().Equal(new CacheMapping(0, 5, false), new CacheMapping(1, 9, true), new CacheMapping(3, 100, false), new CacheMapping(63, 4000, true));
        cache.Hints!.Select(h => h.CacheBlock).Should().Equal(0UL, 1UL, 3UL, 63UL);
        cache.Hints![0].DecodeData().Should().Equal(1, 0, 0, 0);
        cache.Hints![3].DecodeData().Should().Equal(0xff, 0xff, 0xff, 0xff);
        cache.Discards.Should().BeNull("cache_dump 0.9.0 prints no discards section");
    }

    [Test]
    public void A_cache_dump_streams_section_by_section_and_skipped_entries_are_still_checked()
    {
        using var reader = CacheDumpReader.Open(PathOf("cache.dump.xml"));
        reader.Superblock.NrCacheBlocks.Should().Be(64);

        reader.TryReadSection(out var first).Should().BeTrue();
        first.Should().Be(CacheDumpSection.Mappings);
        reader.TryReadMapping(out var mapping).Should().BeTrue();
        mapping.Should().Be(new CacheMapping(0, 5, false));
        FluentActions.Invoking(() => reader.TryReadHint(out _)).Should().Throw<InvalidOperationException>();

        reader.TryReadSection(out var second).Should().BeTrue();
        second.Should().Be(CacheDumpSection.Hints);
        var hints = new List<ulong>();
        while (reader.TryReadHint(out var hint))
        {
            hints.Add(hint!.CacheBlock);
        }

        hints.Should().Equal(0UL, 1UL, 3UL, 63UL);
        reader.TryReadSection(out _).Should().BeFalse();
    }

    [Test]
    public void A_bad_mapping_in_a_skipped_cache_section_still_fails()
    {
        var xml = Read("cache.dump.xml").Replace("origin_block=\"9\"", "origin_block=\"nine\"", StringComparison.Ordinal);
        using var reader = CacheDumpReader.Open(new StringReader(xml));
        reader.TryReadSection(out _).Should().BeTrue();

        var error = FluentActions.Invoking(() => reader.TryReadSection(out _)).Should().Throw<Sts.Dmpd.DmpdParseException>().Which;
        (error.Line, error.OffendingText).Should().Be((4, "nine"));
    }

    [Test]
    public void Metadata_version_2_comes_back_with_every_block_clean()
    {
        CacheMetadata.Load(PathOf("cache.v2.dump.xml")).Mappings.Should().OnlyContain(m => !m.Dirty);
    }

    [TestCase("cache.dump.xml")]
    [TestCase("cache.v2.dump.xml")]
    [TestCase("cache.input.xml")]
    public void A_cache_document_writes_back_byte_for_byte(string file)
    {
        CacheMetadata.Load(PathOf(file)).ToXml().Should().Be(Read(file));
    }

    [Test]
    public void The_captured_era_dump_has_two_writesets_and_the_era_array()
    {
        var era = EraMetadata.Load(PathOf("era.dump.xml"));

        era.Superblock.Should().Be(new EraSuperblock("", Sectors.FromCount(128), 16, 4));
        era.Writesets.Select(w => (w.Era, w.NrBits, w.Bits.Count)).Should().Equal((2u, 16u, 16), (3u, 16u, 16));
        era.Writesets[0].Bits.Where(b => b.Value).Select(b => b.Block).Should().Equal(2u, 3u, 14u);
        era.Writesets[1].Bits.Where(b => b.Value).Select(b => b.Block).Should().Equal(4u, 8u, 9u, 10u);
        era.EraArray!.Select(e => e.Era).Should().Equal(0u, 1u, 2u, 2u, 3u, 0u, 0u, 1u, 3u, 3u, 3u, 0u, 0u, 0u, 2u, 1u);
    }

    [Test]
    public void An_era_dump_streams_writeset_by_writeset()
    {
        using var reader = EraDumpReader.Open(PathOf("era.dump.xml"));
        var sections = new List<EraDumpSection>();
        var written = new List<uint>();
        while (reader.TryReadSection(out var section))
        {
            sections.Add(section);
            if (section.Era == 3)
            {
                while (reader.TryReadBit(out var bit))
                {
                    if (bit.Value)
                    {
                        written.Add(bit.Block);
                    }
                }
            }
        }

        sections.Should().Equal(new EraDumpSection(true, 2, 16), new EraDumpSection(true, 3, 16), new EraDumpSection(false, 0, 0));
        written.Should().Equal(4u, 8u, 9u, 10u);
    }

    [Test]
    public void A_writeset_after_the_era_array_is_rejected()
    {
        var xml = Read("era.logical.xml").Replace("</superblock>", "  <writeset era=\"1\" nr_bits=\"16\">\n  </writeset>\n</superblock>", StringComparison.Ordinal);

        var error = FluentActions.Invoking(() => EraMetadata.Parse(xml)).Should().Throw<Sts.Dmpd.DmpdParseException>().Which;
        (error.Line, error.Column, error.OffendingText).Should().Be((20, 4, "<writeset>"));
    }

    [Test]
    public void The_logical_era_dump_has_no_writesets()
    {
        var era = EraMetadata.Load(PathOf("era.logical.xml"));

        era.Writesets.Should().BeEmpty();
        era.EraArray.Should().HaveCount(16);
    }

    [TestCase("era.dump.xml")]
    [TestCase("era.logical.xml")]
    [TestCase("era.input.xml")]
    public void An_era_document_writes_back_byte_for_byte(string file)
    {
        EraMetadata.Load(PathOf(file)).ToXml().Should().Be(Read(file));
    }
}
