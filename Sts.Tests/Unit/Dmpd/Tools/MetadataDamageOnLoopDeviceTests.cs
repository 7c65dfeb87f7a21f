using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dmpd.Damage;
using Sts.Dmpd.Tools;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>
/// Damage and tools on loop devices: a device the run created over its own file may be damaged;
/// one attached to a file elsewhere may not, unless it is listed in STS_TEST_DISKS.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresLoopDevices]
[RequiresTool("losetup")]
[RequiresDmpdTool("thin_check")]
[RequiresDmpdTool("thin_restore")]
public sealed class MetadataDamageOnLoopDeviceTests
{
    [Test]
    public async Task Metadata_on_a_loop_device_of_the_run_can_be_damaged_and_thin_check_sees_it()
    {
        var tools = await DmpdToolSet.DetectAsync();
        using var scratch = new MetadataScratch();
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(16));
        await tools.ThinRestoreAsync(new ThinRestoreOptions(scratch.CopyTestData("thin.xml"), loop.Path));
        (await tools.ThinCheckAsync(new ThinCheckOptions(loop.Path))).IsClean.Should().BeTrue();

        await new MetadataDamage().ZeroSuperblockAsync(loop);

        var check = await tools.ThinCheckAsync(new ThinCheckOptions(loop.Path));
        check.Outcome.Should().Be(CheckOutcome.ErrorsFound);
        check.SuperblockDamaged.Should().BeTrue();
        var head = new byte[4096];
        await using (var backing = File.OpenRead(loop.BackingFile))
        {
            await backing.ReadExactlyAsync(head);
        }

        head.Should().OnlyContain(b => b == 0, "the zeroes reached the backing file");
    }

    [Test]
    public async Task A_loop_device_over_a_file_outside_the_run_is_refused_unless_listed_as_a_test_disk()
    {
        var outside = Directory.CreateTempSubdirectory("sts-damage-loop-").FullName;
        try
        {
            var file = Path.Combine(outside, "disk.img");
            var original = new byte[1 << 20];
            new Random(11).NextBytes(original);
            await File.WriteAllBytesAsync(file, original);
            await using (var loop = await LoopDevice.AttachAsync(file))
            {
                await FluentActions.Awaiting(() => new MetadataDamage().ZeroSuperblockAsync(loop.Path)).Should().ThrowAsync<UnsafeOperationException>();
                await FluentActions.Awaiting(() => new MetadataDamage().ZeroSuperblockAsync(loop)).Should().ThrowAsync<UnsafeOperationException>();
                File.ReadAllBytes(file).Should().Equal(original);

                await new MetadataDamage(testDisks: [loop.Path]).ZeroSuperblockAsync(loop.Path);
            }

            File.ReadAllBytes(file).AsSpan(0, 4096).ToArray().Should().OnlyContain(b => b == 0);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Test]
    [RequiresDmpdTool("thin_trim")]
    public async Task Thin_trim_discards_the_free_blocks_of_a_data_device_and_keeps_mapped_ones()
    {
        var tools = await DmpdToolSet.DetectAsync();
        using var scratch = new MetadataScratch();
        var metadata = scratch.NewMetadataFile("meta.bin");
        await tools.ThinRestoreAsync(new ThinRestoreOptions(scratch.CopyTestData("thin.xml"), metadata));
        // thin.xml: 1024 data blocks of 64 KiB; 50 and 100 are mapped (100 is the highest), 30 and 200 are free.
        await using var data = await LoopDevice.CreateAsync(Size.FromMiB(64));
        var pattern = new byte[65536];
        new Random(2).NextBytes(pattern);
        foreach (var block in new[] { 30, 50, 100, 200 })
        {
            await data.WriteAsync(Size.FromKiB(64 * block), pattern);
        }

        await tools.ThinTrimAsync(new ThinTrimOptions(metadata, data.Path));

        (await ReadBlock(data, 50)).Should().Equal(pattern, "mapped blocks are kept");
        (await ReadBlock(data, 30)).Should().OnlyContain(b => b == 0, "free blocks were discarded");
        (await ReadBlock(data, 200)).Should().OnlyContain(b => b == 0, "free blocks were discarded");
        if (tools.Generation == DmpdGeneration.Cpp)
        {
            // A bug of the C++ generation (thin-provisioning/thin_trim.cc, trim_iterator::complete):
            // the last free range is emitted from the highest mapped block, not one past it, so
            // that block's data is discarded too ("emitting discard for blocks (100, 1024]").
            (await ReadBlock(data, 100)).Should().OnlyContain(b => b == 0, "0.9.x discards the highest mapped block (known bug)");
        }
        else
        {
            (await ReadBlock(data, 100)).Should().Equal(pattern, "the highest mapped block is kept");
        }
    }

    private static Task<byte[]> ReadBlock(LoopDevice device, int block) => device.ReadAsync(Size.FromKiB(64 * block), 65536);
}
