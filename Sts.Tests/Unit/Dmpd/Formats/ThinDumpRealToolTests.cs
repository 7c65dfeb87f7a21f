using FluentAssertions;
using NUnit.Framework;
using Sts.Dmpd.Formats.Thin;
using Sts.Fixtures.Requirements;
using static Sts.Tests.Unit.Dmpd.Formats.DmpdTestFiles;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>Round trips through the real thin_restore and thin_dump on metadata files (no kernel needed).</summary>
[RequiresDmpdTool("thin_restore")]
[RequiresDmpdTool("thin_dump")]
[RequiresDmpdTool("thin_check")]
public sealed class ThinDumpRealToolTests : ScratchTestBase
{
    [Test]
    public async Task Generated_metadata_restores_checks_clean_and_dumps_back_to_the_same_model()
    {
        var xml = Scratch.PathOf("generated.xml");
        using (var file = File.Create(xml))
        {
            ThinMetadataGenerator.Write(file, devices: 3, mappingsPerDevice: 20_000);
        }

        var meta = Scratch.NewMetadataFile("meta.bin", 64 << 20);
        (await RunAsync("thin_restore", "-i", xml, "-o", meta)).ExitCode.Should().Be(0);
        var check = await RunAsync("thin_check", meta);
        check.ExitCode.Should().Be(0, check.StandardError);
        var dump = await RunAsync("thin_dump", meta);

        dump.ExitCode.Should().Be(0);
        // The generator writes 0.9.0's form byte for byte (ThinDumpFormatTests); 1.x prints the
        // same document without flags="0" and the final newline, so the tools are held to the model.
        ThinMetadata.Parse(dump.StandardOutput).Should().BeEquivalentTo(ThinMetadata.Load(xml), o => o.WithStrictOrdering());
    }

    [Test]
    public async Task A_real_dump_parsed_and_written_restores_to_the_same_dump()
    {
        var meta = Scratch.NewMetadataFile("meta.bin", 8 << 20);
        (await RunAsync("thin_restore", "-i", PathOf("thin.input.xml"), "-o", meta)).ExitCode.Should().Be(0);
        var dump = (await RunAsync("thin_dump", meta)).StandardOutput;

        var written = Scratch.PathOf("written.xml");
        ThinMetadata.Parse(dump).Save(written);
        var meta2 = Scratch.NewMetadataFile("meta2.bin", 8 << 20);
        (await RunAsync("thin_restore", "-i", written, "-o", meta2)).ExitCode.Should().Be(0);

        ThinMetadata.Load(written).Should().BeEquivalentTo(ThinMetadata.Parse(dump), o => o.WithStrictOrdering());
        (await RunAsync("thin_dump", meta2)).StandardOutput.Should().Be(dump, "one generation dumps the same metadata the same way");
    }
}
