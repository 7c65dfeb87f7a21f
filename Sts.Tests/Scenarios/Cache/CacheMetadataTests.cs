using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Units;
using Sts.Dm.Errors;
using Sts.Dm.Status;
using Sts.Dmpd.Formats.Cache;
using Sts.Dmpd.Tools;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.Cache;

/// <summary>
/// Catalog scenarios 35, 37 and 38: dm-cache metadata under faults, through the
/// persistent-data tools, and the cache_check every cache teardown ends with.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("cache_check")]
[RequiresDmpdTool("cache_dump")]
[RequiresDmpdTool("cache_restore")]
public sealed class CacheMetadataTests
{
    private static readonly CacheOptions Small = new()
    {
        OriginSize = Size.FromMiB(32),
        CacheSize = Size.FromMiB(8),
        MetadataSize = Size.FromMiB(4),
    };

    private static readonly Size HotOffset = Size.FromMiB(4);

    private const int HotLength = 1 << 20;

    /// <summary>The superblock is the first 4 KiB metadata block: 8 sectors.</summary>
    private static readonly Sectors Superblock = Sectors.FromCount(8);

    [Test]
    [Scenario(35)]
    public async Task Failing_metadata_I_O_puts_the_cache_in_read_only_or_fail_mode_with_needs_check_until_cache_check_clears_the_flag()
    {
        using var deadline = Deadline(120);
        await using var stack = new DeviceStack();
        var metadata = await stack.FaultLayerAsync(stack.Admit(await stack.LoopAsync(Small.MetadataSize, cancellationToken: deadline.Token)), deadline.Token);
        var cache = await stack.CacheAsync(Small with { MetadataDevice = stack.Admit(metadata.Device) }, deadline.Token);
        // A status read commits the metadata (cache_status commits unless noflush): the fault must
        // hit a later transaction, not the first commit of the freshly formatted metadata.
        (await cache.StatusAsync(cancellationToken: deadline.Token)).MetadataReadOnly.Should().BeFalse();

        // Writes after the superblock fail with EIO; reads still work, so the kernel can abort the
        // transaction and reopen the metadata, and the superblock stays writable, so the needs_check
        // flag can reach the disk. (With every block after the superblock failing, 6.1 cannot
        // reopen, goes to Fail and logs "failed to set 'needs_check' flag in metadata".)
        await metadata.FailWritesAsync(from: Superblock, cancellationToken: deadline.Token);
        await ProvokeMetadataTransactionAsync(cache, deadline.Token);

        var degraded = await cache.Device.WaitForStatusAsync<DmStatus>(s => s is not CacheStatus { MetadataReadOnly: false }, StatusTimeout, cancellationToken: deadline.Token);
        Note($"cache after the metadata fault: {degraded.Format()}");
        if (degraded is CacheStatus ro)
        {
            (ro.MetadataReadOnly, ro.NeedsCheck).Should().Be((true, true), "a failed metadata transaction leaves the cache ro with needs_check set");
        }
        else
        {
            degraded.Should().BeOfType<FailedStatus>("the cache is either ro or Fail after its metadata failed");
        }

        // Restart on healed metadata: the persisted flag makes the kernel refuse the table
        // ("Unable to get write access to metadata, please check/repair metadata").
        await cache.Device.RemoveAsync(cancellationToken: deadline.Token);
        await metadata.HealAsync(cancellationToken: deadline.Token);
        var restart = () => stack.CacheAsync(SameDevices(stack, cache), deadline.Token);
        (await restart.Should().ThrowAsync<DmInvalidArgumentException>("needs_check survives a restart and blocks write access")).Which.Errno.Should().Be(Errno.EINVAL);

        var cleared = await (await DmpdAsync()).CacheCheckAsync(new CacheCheckOptions(metadata.Device.Path) { ClearNeedsCheckFlag = true }, deadline.Token);
        cleared.Outcome.Should().Be(CheckOutcome.Clean, cleared.StandardError);
        var repaired = await (await restart()).StatusAsync(cancellationToken: deadline.Token);
        (repaired.NeedsCheck, repaired.MetadataReadOnly).Should().Be((false, false), "with the flag cleared the cache restarts rw");
    }

    [Test]
    [Scenario(37)]
    public async Task Cache_dump_restore_dump_is_identical_and_the_kernel_runs_on_the_restored_metadata()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var cache = await stack.CacheAsync(Small, timeout.Token);
        await CacheIoTests.ReadUntilPromotedAsync(cache, HotOffset, HotLength, timeout.Token);
        var live = await cache.StatusAsync(cancellationToken: timeout.Token);
        await cache.Device.RemoveAsync(cancellationToken: timeout.Token);

        var tools = await DmpdAsync();
        var xml = Path.Combine(stack.Run.WorkDirectory, $"cache-{Guid.NewGuid():N}.xml");
        await tools.CacheDumpAsync(new CacheDumpOptions(cache.Metadata.Path) { Output = xml }, timeout.Token);
        var restoredMetadata = await stack.LoopAsync(Small.MetadataSize, cancellationToken: timeout.Token);
        await tools.CacheRestoreAsync(new CacheRestoreOptions(xml, restoredMetadata.Path), timeout.Token);
        var redump = Path.Combine(stack.Run.WorkDirectory, $"cache-{Guid.NewGuid():N}.xml");
        await tools.CacheDumpAsync(new CacheDumpOptions(restoredMetadata.Path) { Output = redump }, timeout.Token);

        File.ReadAllText(redump).Should().Be(File.ReadAllText(xml), "dump → restore → dump must round-trip exactly");
        CacheMetadata.Load(xml).Mappings.Should().HaveCount((int)live.UsedCacheBlocks, "the dump holds every mapping the kernel reported");

        var restored = await stack.CacheAsync(SameDevices(stack, cache) with { MetadataDevice = stack.Admit(restoredMetadata) }, timeout.Token);
        var loaded = await restored.StatusAsync(cancellationToken: timeout.Token);
        loaded.UsedCacheBlocks.Should().Be(live.UsedCacheBlocks, "the kernel loaded every restored mapping");
        restored.Device.FlushBuffers();
        await restored.Device.ReadAsync(HotOffset, HotLength, timeout.Token);
        var after = await restored.StatusAsync(cancellationToken: timeout.Token);
        after.ReadHits.Should().BeGreaterThan(loaded.ReadHits, "the restored mappings serve reads from the fast device");
    }

    [Test]
    [Scenario(38)]
    public async Task Cache_teardown_runs_cache_check_and_reports_damaged_metadata()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stack = new DeviceStack();
        await using (stack)
        {
            var cache = await stack.CacheAsync(Small, timeout.Token);
            await cache.Device.RemoveAsync(cancellationToken: timeout.Token);
            await cache.Metadata.WriteAsync(Size.Zero, new byte[4096], timeout.Token); // wipe the superblock

            var teardown = () => stack.DisposeAsync().AsTask();

            var failed = (await teardown.Should().ThrowAsync<StackTeardownException>()).Which;
            failed.Failures.Should().ContainSingle("only the metadata check can fail").Which.Step.Should().StartWith("cache_check ");
            failed.Failures[0].Error.Should().BeOfType<MetadataCheckFailedException>()
                .Which.Check.Outcome.Should().NotBe(Sts.Dmpd.Tools.CheckOutcome.Clean);
        }
    }

    /// <summary>Options that reopen a cache on the devices (and metadata) of an earlier one.</summary>
    private static CacheOptions SameDevices(DeviceStack stack, CacheStack cache) => cache.Options with
    {
        OriginDevice = stack.Admit(cache.Origin),
        FastDevice = stack.Admit(cache.Fast),
        MetadataDevice = stack.Admit(cache.Metadata),
        KeepMetadata = true,
    };

    /// <summary>Gives the cache metadata work: promotions (new mappings, after the idle period dm-cache waits for), then a write and fsync (a flush commits).</summary>
    private static async Task ProvokeMetadataTransactionAsync(CacheStack cache, CancellationToken cancellationToken)
    {
        for (var pass = 0; pass < 3; pass++)
        {
            cache.Device.FlushBuffers();
            await cache.Device.ReadAsync(HotOffset, HotLength, cancellationToken);
        }

        await Task.Delay(CacheIoTests.MigrationIdlePeriod, cancellationToken); // let the promotions start: they need new mappings

        try
        {
            await cache.Device.WriteAsync(HotOffset, new byte[HotLength], cancellationToken);
        }
        catch (Sts.Core.Devices.DeviceException ex)
        {
            // The flush fails when its commit fails: expected here, the status says why.
            TestContext.Out.WriteLine($"write after the fault: {ex.Message}");
        }
    }

}
