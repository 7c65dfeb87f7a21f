using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm.Backends;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using Sts.Tests.Kernel.Backends;

namespace Sts.Tests.Kernel.Fixtures;

/// <summary>
/// Scoped lifetimes on the real kernel, once per backend: a thin volume, a cache, an era, a
/// dm-snapshot stack and a device created through the stack end early with <c>await using</c>,
/// removing what belongs to them and nothing else; the stack's teardown afterwards removes the
/// rest, without removing anything twice and without errors.
/// </summary>
[TestFixture("ioctl")]
[TestFixture("dmsetup")]
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresTool("dmsetup")]
[RequiresDmpdTool("thin_check")]
[RequiresDmpdTool("cache_check")]
[RequiresDmpdTool("era_check")]
public sealed class ScopedLifetimeTests(string backendName)
{
    private IDmBackend _dm = null!;

    [SetUp]
    public void OpenBackend() => _dm = TestBackends.Open(backendName);

    [TearDown]
    public void CloseBackend() => _dm.Dispose();

    [Test]
    public async Task A_thin_volume_ended_early_is_removed_once_while_its_pool_and_sibling_live_until_the_stack_ends()
    {
        var stack = new DeviceStack(_dm);
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) });
        var sibling = await pool.CreateThinAsync(Size.FromMiB(8));
        string ended;
        await using (var thin = await pool.CreateThinAsync(Size.FromMiB(8)))
        {
            ended = thin.Active.Name;
            await thin.WriteAsync(Size.Zero, new byte[4096]);
        }

        var afterScope = CommandJournal.Position;
        (await _dm.TryGetInfoAsync(ended)).Should().BeNull("the scope's end removed the volume");
        (await _dm.TryGetInfoAsync(sibling.Active.Name)).Should().NotBeNull("its sibling belongs to the stack, not to the scope");
        (await pool.StatusAsync()).Mode.Should().Be(Sts.Dm.Status.ThinPoolMode.ReadWrite, "the pool is still live");
        stack.PendingTeardown.Should().NotContain($"remove {ended}").And.Contain($"remove {sibling.Active.Name}");
        var everything = stack.Devices.Select(d => d.Name).ToList();

        await stack.DisposeAsync();

        await ShouldBeGoneAsync(everything.Append(ended));
        RemovalsOf(ended, afterScope).Should().Be(0, "the stack did not remove the ended volume again");
    }

    [Test]
    public async Task A_cache_ended_early_removes_itself_checks_its_metadata_and_detaches_only_its_own_devices()
    {
        var stack = new DeviceStack(_dm);
        var origin = await stack.LoopAsync(Size.FromMiB(16)); // given: the stack's, not the cache's
        var cache = await stack.CacheAsync(new CacheOptions
        {
            OriginDevice = stack.Admit(origin),
            CacheSize = Size.FromMiB(4),
            MetadataSize = Size.FromMiB(4),
        });
        var name = cache.Device.Name;
        var own = new[] { (LoopDevice)cache.Fast, cache.MetadataLoop! };

        var beforeScopeEnd = CommandJournal.Position;
        await cache.DisposeAsync();
        var afterScope = CommandJournal.Position;

        (await _dm.TryGetInfoAsync(name)).Should().BeNull();
        own.Should().OnlyContain(l => !l.IsAttached, "the fast and metadata devices the cache made were detached after it");
        origin.IsAttached.Should().BeTrue("the origin was given: it belongs to the stack");
        Checks("cache_check", cache.Metadata.Path, beforeScopeEnd).Should().Be(1, "the metadata was checked when the cache ended");

        await stack.DisposeAsync();

        origin.IsAttached.Should().BeFalse();
        Checks("cache_check", cache.Metadata.Path, afterScope).Should().Be(0, "the stack did not check it again");
        RemovalsOf(name, afterScope).Should().Be(0, "nor remove it again");
    }

    [Test]
    public async Task An_era_and_a_dm_snapshot_stack_ended_early_leave_nothing_and_the_stack_ends_clean()
    {
        var stack = new DeviceStack(_dm);
        var keep = await stack.LinearAsync(stack.Admit(await stack.LoopAsync(Size.FromMiB(4))));
        var names = new List<string>();
        await using (var era = await stack.EraAsync(new EraOptions { OriginSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) }))
        {
            names.Add(era.Device.Name);
            await era.Device.WriteAsync(Size.Zero, new byte[4096]);
        }

        await using (var snapshots = await stack.SnapshotAsync(new SnapshotOptions { OriginSize = Size.FromMiB(8), CowSize = Size.FromMiB(2) }))
        {
            names.AddRange([snapshots.Snapshot.Name, snapshots.Origin.Name]);
            await snapshots.Origin.WriteAsync(Size.Zero, new byte[4096]);
        }

        var afterScopes = CommandJournal.Position;
        await ShouldBeGoneAsync(names);
        stack.Devices.Select(d => d.Name).Should().Equal([keep.Name], "only the device outside the scopes is left");
        stack.LoopDevices.Should().ContainSingle("only the linear device's loop is left");

        await stack.DisposeAsync();

        await ShouldBeGoneAsync(names.Append(keep.Name));
        names.Select(n => RemovalsOf(n, afterScopes)).Should().OnlyContain(count => count == 0, "the stack removed none of them again");
    }

    [Test]
    public async Task A_device_created_through_the_stack_ends_with_await_using_and_the_stack_does_not_remove_it_again()
    {
        var stack = new DeviceStack(_dm);
        var loop = await stack.LoopAsync(Size.FromMiB(4));
        string name;
        var beforeScope = CommandJournal.Position;
        await using (var linear = await stack.LinearAsync(stack.Admit(loop)))
        {
            name = linear.Name;
        }

        var afterScope = CommandJournal.Position;
        (await _dm.TryGetInfoAsync(name)).Should().BeNull();
        stack.Devices.Should().NotContain(d => d.Name == name, "the stack sees the device removed: its step only confirms that it is gone");
        RemovalsOf(name, beforeScope).Should().Be(backendName == "dmsetup" ? 1 : 0, "the journal shows dmsetup's removal (the ioctl backend runs no command)");
        loop.IsAttached.Should().BeTrue("the loop device under it belongs to the stack");

        await stack.DisposeAsync();

        loop.IsAttached.Should().BeFalse();
        RemovalsOf(name, afterScope).Should().Be(0, "the stack did not remove it again");
    }

    /// <summary>dmsetup remove commands for a device since a journal position (with the ioctl backend, which runs no command, always 0; its steps are seen in PendingTeardown).</summary>
    private static int RemovalsOf(string name, long position) =>
        CommandJournal.Since(position).Count(e => e.CommandLine.Contains(" remove ", StringComparison.Ordinal) && e.CommandLine.EndsWith(name, StringComparison.Ordinal));

    private static int Checks(string tool, string metadata, long position) =>
        CommandJournal.Since(position).Count(e => e.CommandLine.Contains(tool, StringComparison.Ordinal) && e.CommandLine.EndsWith(metadata, StringComparison.Ordinal));

    private async Task ShouldBeGoneAsync(IEnumerable<string> names)
    {
        var present = (await _dm.ListAsync()).Select(d => d.Name).ToHashSet();
        names.Where(present.Contains).Should().BeEmpty("every device was removed");
    }
}
