using FluentAssertions;
using NUnit.Framework;
using Sts.Dmpd;
using Sts.Dmpd.Damage;
using Sts.Dmpd.Formats.Thin;
using Sts.Dmpd.Tools;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>
/// thin_dump's output read by the streaming reader while the tool runs (DmpdToolSet.ThinDumpReadAsync),
/// against the installed tools. Expectations come from the hand-written XML
/// (TestData/dmpd-tools/thin.xml) and from the generator's input, not from the reader.
/// </summary>
[RequiresTool("thin_check")]
[RequiresTool("thin_dump")]
[RequiresTool("thin_restore")]
public sealed class StreamedDumpTests : DmpdToolTestBase
{
    [Test]
    public async Task A_streamed_dump_yields_the_devices_and_mappings_of_the_hand_written_xml()
    {
        var metadata = await RestoreAsync(Scratch.CopyTestData("thin.xml"), "meta.bin");

        var devices = await ToolSet.ThinDumpReadAsync(new ThinDumpOptions(metadata), reader =>
        {
            var read = new List<(uint Device, List<(ulong Origin, ulong Data, ulong Length)> Mappings)>();
            while (reader.TryReadDevice(out var device))
            {
                var mappings = new List<(ulong, ulong, ulong)>();
                while (reader.TryReadMapping(out var mapping))
                {
                    mappings.Add((mapping.OriginBegin, mapping.DataBegin, mapping.Length));
                }

                read.Add((device.DevId, mappings));
            }

            return read;
        });

        devices.Select(d => d.Device).Should().Equal(1u, 2u);
        devices[0].Mappings.Should().Equal((0ul, 0ul, 10ul), (20ul, 50ul, 1ul), (30ul, 60ul, 1ul));
        devices[1].Mappings.Should().Equal((5ul, 100ul, 1ul));
    }

    [Test]
    public async Task Every_mapping_of_a_large_dump_reaches_the_reader()
    {
        const long mappings = 300_000;
        var xml = Scratch.PathOf("generated.xml");
        await using (var file = File.Create(xml))
        {
            ThinMetadataGenerator.Write(file, devices: 1, mappingsPerDevice: mappings);
        }

        var metadata = Scratch.NewMetadataFile("meta.bin", 64L << 20);
        await ToolSet.ThinRestoreAsync(new ThinRestoreOptions(xml, metadata));

        var counted = await ToolSet.ThinDumpReadAsync(new ThinDumpOptions(metadata), reader =>
        {
            long count = 0;
            while (reader.TryReadDevice(out _))
            {
                while (reader.TryReadMapping(out _))
                {
                    count++;
                }
            }

            return count;
        });

        counted.Should().Be(mappings);
    }

    [Test]
    public async Task A_dump_of_damaged_metadata_fails_as_the_tool_not_as_truncated_xml()
    {
        var metadata = await RestoreAsync(Scratch.CopyTestData("thin.xml"), "meta.bin");
        await new MetadataDamage().ZeroSuperblockAsync(metadata);

        var failure = await FluentActions.Awaiting(() => ToolSet.ThinDumpReadAsync(new ThinDumpOptions(metadata), r => r.ReadToEnd()))
            .Should().ThrowAsync<DmpdToolException>();

        failure.Which.ExitCode.Should().NotBe(0);
    }

    [Test]
    public async Task A_streamed_dump_refuses_an_output_file()
    {
        var metadata = await RestoreAsync(Scratch.CopyTestData("thin.xml"), "meta.bin");

        await FluentActions.Awaiting(() => ToolSet.ThinDumpReadAsync(new ThinDumpOptions(metadata) { Output = Scratch.PathOf("out.xml") },
                r => r.ReadToEnd()))
            .Should().ThrowAsync<ArgumentException>();
        File.Exists(Scratch.PathOf("out.xml")).Should().BeFalse("nothing ran");
    }

    private async Task<string> RestoreAsync(string xml, string name)
    {
        var metadata = Scratch.NewMetadataFile(name);
        await ToolSet.ThinRestoreAsync(new ThinRestoreOptions(xml, metadata));
        return metadata;
    }
}
