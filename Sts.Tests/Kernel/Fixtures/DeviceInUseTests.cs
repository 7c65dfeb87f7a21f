using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Safety;
using Sts.Core.Units;
using Sts.Dmpd.Damage;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Fixtures;

/// <summary>
/// Never write to a device something else is using (issue: a pool fixture given the metadata
/// device of another live pool zeroed that pool's superblock before the kernel refused the new
/// pool). Every destructive write goes through an exclusive open, which the kernel refuses while a
/// device-mapper table holds the device: the write is refused with <see cref="DeviceInUseException"/>
/// naming the holder, nothing is written and nothing is created.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresTarget("thin-pool")]
public sealed class DeviceInUseTests
{
    private static readonly ThinPoolOptions SmallPool = new() { DataSize = Size.FromMiB(64), MetadataSize = Size.FromMiB(4) };

    [Test]
    public async Task A_pool_fixture_refuses_the_metadata_device_of_a_live_pool_and_writes_nothing()
    {
        await using var stack = new DeviceStack();
        var live = await stack.ThinPoolAsync(SmallPool);
        await live.CreateThinAsync(Size.FromMiB(16));
        var superblock = await SuperblockAsync(live.Metadata.Path);
        var (devices, loops) = (stack.Devices.Count, stack.LoopDevices.Count);

        var second = () => stack.ThinPoolAsync(SmallPool with { MetadataDevice = stack.Admit(live.Metadata) });

        var refused = (await second.Should().ThrowAsync<DeviceInUseException>()).Which;
        refused.Holders.Should().ContainSingle().Which.Should().Contain(live.Device.Name, "the error names the pool that holds the device");
        refused.Message.Should().Contain(live.Metadata.Path);
        (await SuperblockAsync(live.Metadata.Path)).Should().Equal(superblock, "nothing was written to the live pool's metadata");
        (stack.Devices.Count, stack.LoopDevices.Count).Should().Be((devices, loops), "nothing was created for the refused pool");
        (await live.StatusAsync()).Should().NotBeNull("the live pool is untouched and still answers");
    }

    [Test]
    [RequiresTarget("cache")]
    public async Task A_cache_fixture_refuses_the_metadata_device_of_a_live_cache()
    {
        await using var stack = new DeviceStack();
        var options = new CacheOptions { OriginSize = Size.FromMiB(32), CacheSize = Size.FromMiB(8), MetadataSize = Size.FromMiB(4) };
        var live = await stack.CacheAsync(options);
        var superblock = await SuperblockAsync(live.Metadata.Path);

        var second = () => stack.CacheAsync(options with { MetadataDevice = stack.Admit(live.Metadata) });

        (await second.Should().ThrowAsync<DeviceInUseException>()).Which.Holders.Should().ContainSingle()
            .Which.Should().Contain(live.Device.Name);
        (await SuperblockAsync(live.Metadata.Path)).Should().Equal(superblock);
    }

    [Test]
    [RequiresTarget("era")]
    public async Task An_era_fixture_refuses_the_metadata_device_of_a_live_era_device()
    {
        await using var stack = new DeviceStack();
        var options = new EraOptions { OriginSize = Size.FromMiB(32), MetadataSize = Size.FromMiB(4) };
        var live = await stack.EraAsync(options);
        var superblock = await SuperblockAsync(live.Metadata.Path);

        var second = () => stack.EraAsync(options with { MetadataDevice = stack.Admit(live.Metadata) });

        (await second.Should().ThrowAsync<DeviceInUseException>()).Which.Holders.Should().ContainSingle()
            .Which.Should().Contain(live.Device.Name);
        (await SuperblockAsync(live.Metadata.Path)).Should().Equal(superblock);
    }

    [Test]
    public async Task Damage_helpers_refuse_a_device_or_a_backing_file_a_live_target_holds_and_work_once_it_is_released()
    {
        await using var stack = new DeviceStack();
        var live = await stack.ThinPoolAsync(SmallPool);
        var superblock = await SuperblockAsync(live.Metadata.Path);
        var damage = new MetadataDamage();

        var onDevice = () => damage.ZeroSuperblockAsync(live.Metadata.Path);
        (await onDevice.Should().ThrowAsync<DeviceInUseException>()).Which.Holders.Should().ContainSingle().Which.Should().Contain(live.Device.Name);
        var onFile = () => damage.ZeroSuperblockAsync(live.MetadataLoop!.BackingFile);
        (await onFile.Should().ThrowAsync<DeviceInUseException>("the file backs a loop device the pool holds"))
            .Which.Target.Should().Contain(live.MetadataLoop!.KernelName);
        (await SuperblockAsync(live.Metadata.Path)).Should().Equal(superblock, "nothing was written");

        live.CheckMetadataOnTeardown = false;
        await live.DeactivateAsync();
        var record = await damage.ZeroSuperblockAsync(live.Metadata.Path);
        record.Before.Should().Equal(superblock, "once no target holds it, the damage helper works as before");
        (await SuperblockAsync(live.Metadata.Path)).Should().OnlyContain(b => b == 0);
    }

    private static async Task<byte[]> SuperblockAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[4096];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }
}
