using System.Buffers.Binary;
using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using Sts.Dmpd;
using Sts.Dmpd.Damage;
using Sts.Dmpd.Tools;
using Sts.Fixtures.Requirements;
using Sts.Fixtures;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>The era_* wrappers against the installed tools, on metadata restored from TestData/dmpd-tools/era.xml.</summary>
[RequiresTool("thin_check")]
[RequiresTool("era_check")]
[RequiresTool("era_dump")]
[RequiresTool("era_restore")]
public sealed partial class EraToolsTests : DmpdToolTestBase
{
    [Test]
    [Scenario(46)]
    public async Task Dump_restore_dump_is_byte_identical_and_keeps_the_hand_written_eras_and_bits()
    {
        var first = await RestoreAsync(Scratch.CopyTestData("era.xml"), "first.bin");
        var firstDump = Scratch.PathOf("first.xml");
        await ToolSet.EraDumpAsync(new EraDumpOptions(first) { Output = firstDump });
        var second = await RestoreAsync(firstDump, "second.bin");
        var secondDump = (await ToolSet.EraDumpAsync(new EraDumpOptions(second))).StandardOutput;

        secondDump.Should().Be(File.ReadAllText(firstDump));
        secondDump.Should().Contain("<writeset era=\"4\" nr_bits=\"16\">")
            .And.Contain("<bit block=\"2\" value=\"true\"/>")
            .And.Contain("<bit block=\"1\" value=\"false\"/>")
            .And.Contain("<era block=\"3\" era=\"4\"/>");
        (await ToolSet.EraCheckAsync(new EraCheckOptions(second))).Outcome.Should().Be(CheckOutcome.Clean);
    }

    [Test]
    public async Task The_logical_dump_folds_the_write_set_into_the_era_array()
    {
        var metadata = await RestoreAsync(Scratch.CopyTestData("era.xml"), "meta.bin");

        var logical = (await ToolSet.EraDumpAsync(new EraDumpOptions(metadata) { Logical = true })).StandardOutput;

        logical.Should().NotContain("<writeset");
        logical.Should().Contain("<era block=\"0\" era=\"4\"/>", "block 0 is in era 4's write set")
            .And.Contain("<era block=\"1\" era=\"2\"/>", "block 1 is not");
    }

    [Test]
    [RequiresTool("era_invalidate")]
    public async Task Era_invalidate_lists_the_blocks_written_since_an_era()
    {
        var metadata = await RestoreAsync(Scratch.CopyTestData("era.xml"), "meta.bin");

        var sinceEra2 = (await ToolSet.EraInvalidateAsync(new EraInvalidateOptions(metadata, 2))).StandardOutput;
        var sinceEra0 = (await ToolSet.EraInvalidateAsync(new EraInvalidateOptions(metadata, 0))).StandardOutput;

        // Blocks 1-3 have eras 2-4 and block 0 is in era 4's write set: 0..4; since era 0, all 16.
        Range(sinceEra2).Should().Be((0, 4));
        Range(sinceEra0).Should().Be((0, 16));
    }

    [Test]
    public async Task A_zeroed_superblock_is_detected_and_the_dump_fails_without_touching_the_input()
    {
        var metadata = await RestoreAsync(Scratch.CopyTestData("era.xml"), "meta.bin");
        await new MetadataDamage().ZeroSuperblockAsync(metadata);
        var before = MetadataScratch.Sha256(metadata);

        var full = await ToolSet.EraCheckAsync(new EraCheckOptions(metadata));
        var superblockOnly = await ToolSet.EraCheckAsync(new EraCheckOptions(metadata) { SuperBlockOnly = true });
        var dump = await FluentActions.Awaiting(() => ToolSet.EraDumpAsync(new EraDumpOptions(metadata) { Repair = true }))
            .Should().ThrowAsync<DmpdToolException>();

        full.Outcome.Should().Be(CheckOutcome.ErrorsFound);
        superblockOnly.Outcome.Should().Be(CheckOutcome.ErrorsFound);
        superblockOnly.SuperblockDamaged.Should().BeTrue();
        dump.Which.Kind.Should().Be(DmpdFailureKind.MetadataDamaged);
        MetadataScratch.Sha256(metadata).Should().Be(before);
    }

    [Test]
    public async Task A_scrambled_era_array_block_is_reported_not_clean_with_its_checksum_error()
    {
        var metadata = await RestoreAsync(Scratch.CopyTestData("era.xml"), "meta.bin");
        // The era array block holds the 4-byte eras 1, 2, 3, 4 of blocks 0-3.
        var array = MetadataScratch.FindBlockContaining(metadata, [.. Le32(1), .. Le32(2), .. Le32(3), .. Le32(4)]);
        await new MetadataDamage().CorruptBlockAsync(metadata, array);

        var check = await ToolSet.EraCheckAsync(new EraCheckOptions(metadata));

        // 0.9.0 prints the damage, then aborts on a boost::optional assertion (SIGABRT, exit 134).
        check.Outcome.Should().BeOneOf(CheckOutcome.ErrorsFound, CheckOutcome.Crashed);
        check.IsClean.Should().BeFalse();
        check.Messages.Should().Contain(m => m.Contains("checksum", StringComparison.Ordinal));
        if (ToolSet.Version < new Version(1, 0))
        {
            check.Outcome.Should().Be(CheckOutcome.Crashed);
            check.ExitCode.Should().Be(134);
        }
    }

    [Test]
    [RequiresTool("era_repair")] // 1.x only: thin-provisioning-tools 0.9.0 ships no era_repair
    public async Task Era_repair_of_a_scrambled_era_array_yields_metadata_that_checks_clean()
    {
        var metadata = await RestoreAsync(Scratch.CopyTestData("era.xml"), "meta.bin");
        var array = MetadataScratch.FindBlockContaining(metadata, [.. Le32(1), .. Le32(2), .. Le32(3), .. Le32(4)]);
        await new MetadataDamage().CorruptBlockAsync(metadata, array);
        var repaired = Scratch.NewMetadataFile("repaired.bin", 8L << 20);

        await ToolSet.EraRepairAsync(new EraRepairOptions(metadata, repaired));

        (await ToolSet.EraCheckAsync(new EraCheckOptions(repaired))).Outcome.Should().Be(CheckOutcome.Clean);
    }

    private async Task<string> RestoreAsync(string xml, string name)
    {
        var metadata = Scratch.NewMetadataFile(name, 8L << 20);
        await ToolSet.EraRestoreAsync(new EraRestoreOptions(xml, metadata));
        return metadata;
    }

    private static (int Begin, int End) Range(string report)
    {
        // 0.9.0 writes <range begin="0" end = "4"/>: spaces around '=' are allowed here.
        var match = RangePattern().Match(report);
        match.Success.Should().BeTrue($"era_invalidate printed a range: {report}");
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("""<range begin\s*=\s*"(\d+)"\s+end\s*=\s*"(\d+)"\s*/>""")]
    private static partial Regex RangePattern();

    private static byte[] Le32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }
}
