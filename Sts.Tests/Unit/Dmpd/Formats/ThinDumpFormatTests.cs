using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dmpd.Formats.Thin;
using static Sts.Tests.Unit.Dmpd.Formats.DmpdTestFiles;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>thin_dump XML read and written, against thin_dump 0.9.0's own output (TestData/dmpd).</summary>
public sealed class ThinDumpFormatTests
{
    [Test]
    public void The_captured_dump_parses_into_the_pool_the_input_described()
    {
        var metadata = ThinMetadata.Load(PathOf("thin.dump.xml"));

        metadata.Superblock.Should().Be(new ThinSuperblock("", 2, 7, 0, 2, Sectors.FromCount(128), 1024));
        metadata.Devices.Select(d => d.Device.DevId).Should().Equal(1u, 2u, 5u, 7u);
        metadata.Device(1).Device.Should().Be(new ThinDevice(1, 24, 0, 0, 1));
        metadata.Device(1).Mappings.Should().Equal(
            ThinMapping.Range(0, 0, 16, 0),
            ThinMapping.OneBlock(20, 16, 0),
            ThinMapping.Range(30, 17, 3, 0),
            ThinMapping.Range(100, 40, 4, 1));
        metadata.Device(5).Mappings.Count(m => m.IsSingle).Should().Be(2);
        metadata.Device(7).Mappings.Should().BeEmpty();
        metadata.Devices.Should().OnlyContain(d => d.CountMappedBlocks() == d.Device.MappedBlocks, "thin_dump prints the counts it computed");
    }

    [TestCase("thin.dump.xml")]
    [TestCase("thin.skip-mappings.xml")]
    [TestCase("thin.dev-2.xml")]
    public void A_captured_dump_writes_back_byte_for_byte(string file)
    {
        var original = File.ReadAllBytes(PathOf(file));

        using var output = new MemoryStream();
        using (var reader = ThinDumpReader.Open(PathOf(file)))
        using (var writer = new ThinDumpWriter(output, leaveOpen: true))
        {
            writer.WriteStartSuperblock(reader.Superblock);
            while (reader.TryReadDevice(out var device))
            {
                writer.WriteStartDevice(device);
                while (reader.TryReadMapping(out var mapping))
                {
                    writer.WriteMapping(mapping);
                }

                writer.WriteEndDevice();
            }

            writer.WriteEndSuperblock();
        }

        output.ToArray().Should().Equal(original);
        ThinMetadata.Load(PathOf(file)).ToXml().Should().Be(File.ReadAllText(PathOf(file)));
    }

    [Test]
    public void Streamed_devices_can_skip_their_mappings_and_the_reader_still_checks_them()
    {
        using var reader = ThinDumpReader.Open(PathOf("thin.dump.xml"));
        var seen = new List<(uint, int)>();
        foreach (var device in reader.ReadDevices())
        {
            seen.Add((device.Device.DevId, device.Device.DevId == 2 ? device.Mappings.Count() : -1));
        }

        seen.Should().Equal((1u, -1), (2u, 4), (5u, -1), (7u, -1));
        reader.MappingsRead.Should().Be(12, "skipped mappings are read and validated too");
    }

    [Test]
    public void Mappings_of_a_device_the_reader_has_left_cannot_be_enumerated()
    {
        using var reader = ThinDumpReader.Open(PathOf("thin.dump.xml"));
        var devices = reader.ReadDevices().Take(2).ToList();

        FluentActions.Invoking(() => devices[0].Mappings.ToList()).Should().Throw<InvalidOperationException>().WithMessage("*thin device 1*");
    }

    [Test]
    public void The_generator_writes_what_its_pattern_says()
    {
        using var output = new MemoryStream();
        var superblock = ThinMetadataGenerator.Write(output, devices: 2, mappingsPerDevice: 9);
        output.Position = 0;
        using var reader = ThinDumpReader.Open(output);
        var metadata = reader.ReadToEnd();

        ThinMetadataGenerator.CountBlocks(9).Should().Be(1 + 1 + 1 + 4 + 1 + 1 + 1 + 2 + 1);
        superblock.NrDataBlocks.Should().Be(2 * 13);
        metadata.Devices.Should().HaveCount(2);
        metadata.Device(1).Mappings[3].Should().Be(ThinMapping.Range(6, 13 + 3, 4, 0));
        metadata.Devices.Should().OnlyContain(d => d.Mappings.Count == 9 && d.CountMappedBlocks() == 13 && d.Device.MappedBlocks == 13);
    }
}
