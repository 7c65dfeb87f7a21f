using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Backends;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Backends.Ioctl;
using Sts.Dm.Errors;
using Sts.Dm.Messages;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Backends;

/// <summary>
/// A message a target refuses surfaces as <see cref="DmMessageRefusedException"/> with the
/// kernel's errno, the target's type and the reason the target logged, whatever the errno, and
/// alike from both backends: errno alone once made a second reserve_metadata_snap "device is in
/// use" and invalidate_cblocks outside passthrough "needs CAP_SYS_ADMIN". The reasons asserted are
/// the targets' own log lines (drivers/md/dm-thin.c, dm-thin-metadata.c, dm-cache-target.c).
/// </summary>
[TestFixture("ioctl")]
[TestFixture("dmsetup")]
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresTool("dmsetup")]
[RequiresTool("thin_check")]
[RequiresTool("cache_check")]
public sealed class DmMessageRefusalTests(string backendName)
{
    private static readonly ThinPoolOptions SmallPool = new() { DataSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) };

    private IDmBackend _dm = null!;

    [SetUp]
    public void OpenBackend() => _dm = TestBackends.Open(backendName);

    [TearDown]
    public void CloseBackend() => _dm.Dispose();

    [Test]
    public async Task A_second_reserve_metadata_snap_is_refused_with_EBUSY_and_the_pools_reason()
    {
        await using var stack = new DeviceStack(_dm);
        var pool = await stack.ThinPoolAsync(SmallPool);
        await pool.Device.MessageAsync(ThinPoolMessages.ReserveMetadataSnap);

        var refused = await Refused(() => pool.Device.MessageAsync(ThinPoolMessages.ReserveMetadataSnap));

        Expect(refused, pool.Device.Name, "thin-pool", "reserve_metadata_snap", Errno.EBUSY, "snapshot already exists");
        await pool.Device.MessageAsync(ThinPoolMessages.ReleaseMetadataSnap);
    }

    [Test]
    public async Task Deleting_an_active_thin_is_refused_with_EBUSY_and_the_pools_reason()
    {
        await using var stack = new DeviceStack(_dm);
        var pool = await stack.ThinPoolAsync(SmallPool);
        var thin = await pool.CreateThinAsync(Size.FromMiB(8));

        var refused = await Refused(() => pool.Device.MessageAsync(ThinPoolMessages.Delete(thin.Id)));

        Expect(refused, pool.Device.Name, "thin-pool", $"delete {thin.Id}", Errno.EBUSY, $"Deletion of thin device {thin.Id} failed");
        (await thin.Active.InfoAsync()).LiveTablePresent.Should().BeTrue("the thin is untouched");
    }

    [Test]
    public async Task A_duplicate_create_thin_is_refused_with_EEXIST_and_the_pools_reason()
    {
        await using var stack = new DeviceStack(_dm);
        var pool = await stack.ThinPoolAsync(SmallPool);
        var id = new ThinDeviceId(7);
        await pool.Device.MessageAsync(ThinPoolMessages.CreateThin(id));

        var refused = await Refused(() => pool.Device.MessageAsync(ThinPoolMessages.CreateThin(id)));

        Expect(refused, pool.Device.Name, "thin-pool", "create_thin 7", Errno.EEXIST, "Creation of new thinly-provisioned device with id 7 failed");
        await pool.Device.MessageAsync(ThinPoolMessages.Delete(id));
    }

    [Test]
    public async Task An_unknown_message_is_refused_with_EINVAL_and_the_pools_reason()
    {
        await using var stack = new DeviceStack(_dm);
        var pool = await stack.ThinPoolAsync(SmallPool);

        var refused = await Refused(() => pool.Device.MessageAsync("sts_no_such_message 1"));

        Expect(refused, pool.Device.Name, "thin-pool", "sts_no_such_message 1", Errno.EINVAL, "Unrecognised thin pool target message received: sts_no_such_message");
    }

    [Test]
    public async Task Invalidate_cblocks_outside_passthrough_is_refused_with_EPERM_and_the_caches_reason()
    {
        await using var stack = new DeviceStack(_dm);
        var cache = await stack.CacheAsync(new CacheOptions
        {
            OriginSize = Size.FromMiB(16), CacheSize = Size.FromMiB(4), MetadataSize = Size.FromMiB(4), Mode = CacheFeature.Writethrough,
        });

        var refused = await Refused(() => cache.Device.MessageAsync(CacheMessages.InvalidateCblocks((0, 1))));

        Expect(refused, cache.Device.Name, "cache", "invalidate_cblocks 0", Errno.EPERM, "cache has to be in passthrough mode for invalidation");
        refused.Should().NotBeOfType<DmPermissionException>("EPERM here is the cache's refusal, not a missing capability");
    }

    [Test]
    public async Task Both_backends_report_the_same_refusal_alike()
    {
        await using var stack = new DeviceStack(_dm);
        var pool = await stack.ThinPoolAsync(SmallPool);
        using var ioctl = IoctlBackend.Open();
        var dmsetup = new DmsetupBackend();

        var byIoctl = await Refused(() => ioctl.SendMessageAsync(pool.Device.Name, "sts_no_such_message 2"));
        var byDmsetup = await Refused(() => dmsetup.SendMessageAsync(pool.Device.Name, "sts_no_such_message 2"));

        byDmsetup.Should().BeEquivalentTo(byIoctl, options => options
            .Including(e => e.Operation).Including(e => e.Device).Including(e => e.Errno).Including(e => e.TargetMessage)
            .Including(e => e.Sector).Including(e => e.TargetType).Including(e => e.KernelReason));
    }

    private static async Task<DmMessageRefusedException> Refused(Func<Task> send) =>
        (await FluentActions.Awaiting(send).Should().ThrowAsync<DmMessageRefusedException>()).Which;

    private static void Expect(DmMessageRefusedException refused, string device, string targetType, string message, Errno errno, string reason)
    {
        TestContext.Out.WriteLine(refused.Message);
        refused.Operation.Should().Be("message");
        refused.Device.Should().Be(device);
        refused.TargetType.Should().Be(targetType);
        refused.TargetMessage.Should().Be(message);
        refused.Sector.Should().Be(Sectors.FromCount(0));
        refused.Errno.Should().Be(errno);
        refused.KernelReason.Should().Contain(reason, "the target logs why it refused, and the exception carries it");
    }
}
