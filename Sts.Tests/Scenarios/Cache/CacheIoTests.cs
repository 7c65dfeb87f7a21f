using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm.Errors;
using Sts.Dm.Messages;
using Sts.Dm.Status;
using Sts.Dm.Tables;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.Cache;

/// <summary>
/// Catalog scenarios 31–34 and 36: dm-cache I/O paths, modes and policies against the real kernel
/// (Documentation/admin-guide/device-mapper/cache.rst, cache-policies.rst).
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("cache_check")]
public sealed class CacheIoTests
{
    // Small on purpose: the lab VM runs under software emulation.
    private static readonly CacheOptions Small = new()
    {
        OriginSize = Size.FromMiB(32),
        CacheSize = Size.FromMiB(8),
        MetadataSize = Size.FromMiB(4),
    };

    /// <summary>1 MiB at 4 MiB into the origin: 16 cache blocks of 64 KiB.</summary>
    private static readonly Size HotOffset = Size.FromMiB(4);

    private const int HotLength = 1 << 20;

    [Test]
    [Scenario(31)]
    public async Task Reading_a_hot_region_of_a_writethrough_smq_cache_promotes_it_and_later_reads_hit()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var cache = await stack.CacheAsync(Small with { Mode = CacheFeature.Writethrough, Policy = "smq" }, timeout.Token);
        var before = await cache.StatusAsync(cancellationToken: timeout.Token);
        before.Promotions.Should().Be(0, "a new cache has promoted nothing");

        var promoted = await ReadUntilPromotedAsync(cache, HotOffset, HotLength, timeout.Token);
        promoted.Promotions.Should().BeGreaterThan(before.Promotions, "repeated reads of one region make smq promote it");
        promoted.UsedCacheBlocks.Should().BeGreaterThan(0, "promoted blocks occupy the fast device");

        cache.Device.FlushBuffers();
        await cache.Device.ReadAsync(HotOffset, HotLength, timeout.Token);
        var after = await cache.StatusAsync(cancellationToken: timeout.Token);
        after.ReadHits.Should().BeGreaterThan(promoted.ReadHits, "reads of promoted blocks are served from the fast device");
    }

    [Test]
    [Scenario(32)]
    public async Task Writeback_leaves_dirty_blocks_the_cleaner_policy_writes_them_all_back_and_then_passthrough_activates()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var cache = await stack.CacheAsync(Small with { Mode = CacheFeature.Writeback }, timeout.Token);
        var data = await MakeDirtyAsync(cache, timeout.Token);
        var dirty = await cache.StatusAsync(cancellationToken: timeout.Token);
        dirty.DirtyBlocks.Should().BeGreaterThan(0, "writes to cached blocks in writeback mode stay on the fast device only");

        await cache.ReloadAsync(CacheFeature.Writeback, "cleaner", timeout.Token);
        var clean = await cache.Device.WaitForStatusAsync<CacheStatus>(s => s.DirtyBlocks == 0, StatusTimeout, cancellationToken: timeout.Token);
        clean.Policy.Should().Be("cleaner");
        clean.DirtyBlocks.Should().Be(0, "the cleaner policy writes every dirty block back to the origin");
        cache.Origin.FlushBuffers();
        (await cache.Origin.ReadAsync(HotOffset, HotLength, timeout.Token)).Should().Equal(data, "written back means the origin holds the data");

        await cache.ReloadAsync(CacheFeature.Passthrough, "smq", timeout.Token);
        var passthrough = await cache.StatusAsync(cancellationToken: timeout.Token);
        passthrough.Features.Should().Contain(CacheFeature.Passthrough, "a clean cache may enter passthrough mode");
        cache.Device.FlushBuffers();
        (await cache.Device.ReadAsync(HotOffset, HotLength, timeout.Token)).Should().Equal(data);
    }

    [Test]
    [Scenario(33)]
    public async Task Passthrough_refuses_to_activate_while_blocks_are_dirty_and_the_writeback_table_brings_the_cache_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var cache = await stack.CacheAsync(Small with { Mode = CacheFeature.Writeback }, timeout.Token);
        var data = await MakeDirtyAsync(cache, timeout.Token);
        (await cache.StatusAsync(cancellationToken: timeout.Token)).DirtyBlocks.Should().BeGreaterThan(0);

        var activate = () => cache.ReloadAsync(CacheFeature.Passthrough, "smq", timeout.Token);

        // On 6.1 the table loads; the check runs when the new table loads the mappings, at resume:
        // "cannot enter passthrough mode unless all blocks are clean", preresume fails with EBUSY.
        var refused = (await activate.Should().ThrowAsync<DmDeviceBusyException>(
            "cache.rst: passthrough mode needs every block clean")).Which;
        refused.Operation.Should().Be("resume");
        refused.Errno.Should().Be(Errno.EBUSY);

        // The device is left suspended with the refused table; the writeback table brings it back.
        await cache.Device.LoadAsync(NoMigrations(cache, cache.Origin.SizeInSectors), timeout.Token);
        await cache.Device.ResumeAsync(timeout.Token);
        var back = await cache.StatusAsync(cancellationToken: timeout.Token);
        back.Features.Should().Contain(CacheFeature.Writeback);
        back.DirtyBlocks.Should().BeGreaterThan(0, "the dirty blocks survived the refused switch");
        cache.Device.FlushBuffers();
        (await cache.Device.ReadAsync(HotOffset, HotLength, timeout.Token)).Should().Equal(data);
        await cache.ReloadAsync(CacheFeature.Writeback, "cleaner", timeout.Token);
        await cache.Device.WaitForStatusAsync<CacheStatus>(s => s.DirtyBlocks == 0, StatusTimeout, cancellationToken: timeout.Token);
    }

    [Test]
    [Scenario(34)]
    public async Task Writethrough_writes_reach_the_origin_at_once_even_for_cached_blocks()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var cache = await stack.CacheAsync(Small with { Mode = CacheFeature.Writethrough }, timeout.Token);
        var promoted = await ReadUntilPromotedAsync(cache, HotOffset, HotLength, timeout.Token);

        var newest = RandomNumberGenerator.GetBytes(HotLength);
        await cache.Device.WriteAsync(HotOffset, newest, timeout.Token);
        var status = await cache.StatusAsync(cancellationToken: timeout.Token);
        cache.Origin.FlushBuffers();
        var onOrigin = await cache.Origin.ReadAsync(HotOffset, HotLength, timeout.Token);

        status.WriteHits.Should().BeGreaterThan(promoted.WriteHits, "the region was cached, so the writes hit the fast device too");
        status.DirtyBlocks.Should().Be(0, "writethrough never leaves dirty blocks");
        onOrigin.Should().Equal(newest, "in writethrough mode the origin always holds the newest data");
        cache.Device.FlushBuffers();
        (await cache.Device.ReadAsync(HotOffset, HotLength, timeout.Token)).Should().Equal(newest);
    }

    [Test]
    [Scenario(36)]
    public async Task Growing_the_origin_keeps_every_cache_mapping()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var cache = await stack.CacheAsync(Small, timeout.Token);
        var data = RandomNumberGenerator.GetBytes(HotLength);
        await cache.Device.WriteAsync(HotOffset, data, timeout.Token);
        await ReadUntilPromotedAsync(cache, HotOffset, HotLength, timeout.Token);
        var before = await cache.StatusAsync(cancellationToken: timeout.Token);

        await ((LoopDevice)cache.Origin).ResizeAsync(Small.OriginSize * 2, timeout.Token);
        await cache.ReloadAsync(CacheFeature.Writethrough, "smq", timeout.Token);
        var grown = await cache.StatusAsync(cancellationToken: timeout.Token);
        cache.Device.FlushBuffers();
        var readBack = await cache.Device.ReadAsync(HotOffset, HotLength, timeout.Token);
        var after = await cache.StatusAsync(cancellationToken: timeout.Token);

        cache.Device.SizeInSectors.Should().Be((Small.OriginSize * 2).ToSectors(), "the cache now maps the grown origin");
        grown.UsedCacheBlocks.Should().BeGreaterThanOrEqualTo(before.UsedCacheBlocks, "the reload keeps every mapping");
        readBack.Should().Equal(data);
        after.ReadHits.Should().BeGreaterThan(grown.ReadHits, "the promoted region is still served from the fast device");
    }

    [Test]
    [Scenario(36)]
    public async Task Shrinking_the_origin_below_a_dirty_block_is_refused_and_the_old_table_brings_the_cache_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var cache = await stack.CacheAsync(Small with { Mode = CacheFeature.Writeback }, timeout.Token);
        var data = await MakeDirtyAsync(cache, timeout.Token);
        (await cache.StatusAsync(cancellationToken: timeout.Token)).DirtyBlocks.Should().BeGreaterThan(0);
        var shrunk = NoMigrations(cache, HotOffset.ToSectors()); // ends where the dirty region starts

        var shrink = () => cache.Device.ReloadAsync(shrunk, cancellationToken: timeout.Token);

        var refused = (await shrink.Should().ThrowAsync<DmOperationException>(
            "dirty blocks beyond the new end would be lost")).Which;
        TestContext.Out.WriteLine($"shrink refused: {refused.GetType().Name} errno {refused.Errno}: {refused.Message}");
        refused.Operation.Should().Be("resume", "the mappings are checked when the new table loads them, at resume");
        refused.Errno.Should().Be(Errno.EFBIG, "dm-cache refuses with EFBIG (\"unable to shrink origin; cache block is dirty\")");

        // The device is left suspended with the refused table; the full-length table brings the cache back.
        await cache.Device.LoadAsync(NoMigrations(cache, cache.Origin.SizeInSectors), timeout.Token);
        await cache.Device.ResumeAsync(timeout.Token);
        var back = await cache.StatusAsync(cancellationToken: timeout.Token);
        back.DirtyBlocks.Should().BeGreaterThan(0, "the dirty blocks survived");
        cache.Device.FlushBuffers();
        (await cache.Device.ReadAsync(HotOffset, HotLength, timeout.Token)).Should().Equal(data);
        await cache.ReloadAsync(CacheFeature.Writeback, "cleaner", timeout.Token);
        await cache.Device.WaitForStatusAsync<CacheStatus>(s => s.DirtyBlocks == 0, StatusTimeout, cancellationToken: timeout.Token);
    }

    /// <summary>A writeback smq table with migrations off, so dirty blocks stay dirty across the reload.</summary>
    private static DmTable NoMigrations(CacheStack cache, Sectors length) =>
        DmTable.OneLine(length, cache.TargetFor(CacheFeature.Writeback, "smq", [new CachePolicySetting("migration_threshold", "0")]));

    /// <summary>
    /// How long the cache must see no I/O before it migrates: dm-cache starts background work
    /// (promotions, writebacks) only when the origin has been idle for a second
    /// (spare_migration_bandwidth: dm_iot_idle_for(HZ)), checked by its waker once a second
    /// (COMMIT_PERIOD). Staying idle is the stimulus the kernel needs, not a wait for a state.
    /// </summary>
    internal static readonly TimeSpan MigrationIdlePeriod = TimeSpan.FromSeconds(2.5);

    /// <summary>
    /// Makes a region hot and lets smq promote it: read it a few times (dropping the page cache
    /// so every pass reaches dm-cache), stay idle for <see cref="MigrationIdlePeriod"/> so the
    /// queued promotions start, then suspend and resume, which drains every migration in flight
    /// (cache_postsuspend waits for background work), so the status read after it is settled.
    /// Bounded by rounds, and by the token.
    /// </summary>
    internal static async Task<CacheStatus> ReadUntilPromotedAsync(CacheStack cache, Size offset, int length, CancellationToken cancellationToken)
    {
        var blocks = (ulong)(length / cache.Options.BlockSize.ToSize().Bytes);
        const int MaxRounds = 8; // 4 was not always enough on a loaded emulated guest (CI, 2026-11-30)
        for (var round = 1; round <= MaxRounds; round++)
        {
            for (var pass = 0; pass < 3; pass++)
            {
                cache.Device.FlushBuffers();
                await cache.Device.ReadAsync(offset, length, cancellationToken);
            }

            await Task.Delay(MigrationIdlePeriod, cancellationToken);
            await cache.Device.SuspendAsync(cancellationToken: cancellationToken);
            await cache.Device.ResumeAsync(CancellationToken.None);
            var settled = await cache.StatusAsync(cancellationToken: cancellationToken);
            cache.Device.FlushBuffers();
            await cache.Device.ReadAsync(offset, length, cancellationToken);
            var status = await cache.StatusAsync(cancellationToken: cancellationToken);
            TestContext.Out.WriteLine($"promotion round {round}: {status.Format()}");
            if (status.Promotions > 0 && status.ReadHits > settled.ReadHits)
            {
                return status; // blocks are promoted and a further read of the region hit them
            }
        }

        var last = await cache.StatusAsync(cancellationToken: cancellationToken);
        Assert.Fail($"smq promoted none of the region's {blocks} blocks in {MaxRounds} rounds of reads and idle time: {last.Format()}");
        return last;
    }

    /// <summary>
    /// Makes the hot region dirty: promote it by reads (dm-cache promotes a write only when it
    /// covers a whole block, and page-cache writes reach it as 4 KiB bios), then overwrite it:
    /// writes that hit cached blocks in writeback mode leave them dirty. Migrations are then off
    /// (migration_threshold 0) so the dirty blocks stay dirty until the test changes the table.
    /// </summary>
    private static async Task<byte[]> MakeDirtyAsync(CacheStack cache, CancellationToken cancellationToken)
    {
        await ReadUntilPromotedAsync(cache, HotOffset, HotLength, cancellationToken);
        // Stop background migrations, or smq writes every dirty block back as soon as the cache
        // is idle for a second (smq: clean_target_met(idle) wants everything clean).
        await cache.Device.MessageAsync(CacheMessages.Set("migration_threshold", "0"), cancellationToken: cancellationToken);
        var data = RandomNumberGenerator.GetBytes(HotLength);
        await cache.Device.WriteAsync(HotOffset, data, cancellationToken);
        return data;
    }
}
