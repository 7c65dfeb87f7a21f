using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm.Errors;
using Sts.Dm.Status;
using Sts.Dm.Targets;
using Sts.Dmpd.Tools;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using Sts.Tests.Scenarios.Kit;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.Thin;

/// <summary>Scenarios 17–23: running out of data space, the low water mark, growing data and metadata, exhausting metadata.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("thin_check")]
public sealed class ThinSpaceTests
{

    private static ThinPoolOptions TinyPool(ThinPoolFeatures features = ThinPoolFeatures.None) =>
        new() { DataSize = Size.FromMiB(4), MetadataSize = Size.FromMiB(4), Features = features };

    [Test]
    [Scenario(17)]
    public async Task Writing_past_the_pool_with_error_if_no_space_fails_with_ENOSPC_and_status_says_out_of_data_space()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(TinyPool(ThinPoolFeatures.ErrorIfNoSpace));
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        (await pool.StatusAsync()).ErrorIfNoSpace.Should().BeTrue();

        var write = () => thin.Active.WriteDirectAsync(Size.Zero, Pattern(Size.FromMiB(8)));

        var failure = await write.Should().ThrowAsync<DeviceException>("8 MiB do not fit in a 4 MiB pool");
        Note($"direct write: {failure.Which.Message}");
        failure.WithInnerException<IOException>().Which.HResult.Should().Be((int)Errno.ENOSPC,
            "error_if_no_space fails the bio with BLK_STS_NOSPC, which a direct write sees as ENOSPC");
        var status = await pool.StatusAsync(noFlush: true);
        Note($"pool: {status.Format()}");
        status.Mode.Should().Be(ThinPoolMode.OutOfDataSpace);
        status.UsedDataBlocks.Should().Be(status.TotalDataBlocks, "every block was handed out before the pool gave up");
    }

    [Test]
    [Scenario(18)]
    public async Task In_queue_mode_io_past_the_pool_is_held_until_the_data_device_grows_and_then_completes_with_the_pool_back_to_rw()
    {
        RecordKernel();
        using var deadline = Deadline();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(TinyPool());
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        (await pool.StatusAsync()).ErrorIfNoSpace.Should().BeFalse("queue_if_no_space is the default");
        var data = Pattern(Size.FromMiB(8));

        var write = thin.Active.WriteDirectAsync(Size.Zero, data, deadline.Token);
        var full = await pool.Device.WaitForStatusAsync<ThinPoolStatus>(s => s.Mode == ThinPoolMode.OutOfDataSpace, StatusTimeout, noFlush: true, deadline.Token);
        Note($"pool full: {full.Format()}");
        write.IsCompleted.Should().BeFalse("queue_if_no_space holds the I/O instead of failing it");

        await thin.Active.SuspendAsync(noFlush: true, cancellationToken: deadline.Token);
        await pool.GrowDataAsync(Size.FromMiB(16), noFlush: true, cancellationToken: deadline.Token);
        await thin.Active.ResumeAsync(deadline.Token);
        await write.WaitAsync(deadline.Token); // the held writes complete once there is space (a failure throws)

        var status = await pool.StatusAsync(cancellationToken: deadline.Token);
        Note($"pool grown: {status.Format()}");
        status.Mode.Should().Be(ThinPoolMode.ReadWrite);
        status.TotalDataBlocks.Should().Be(Blocks(Size.FromMiB(16)));
        status.UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(8)));
        thin.Active.FlushBuffers();
        (await thin.ReadAsync(Size.Zero, data.Length, deadline.Token)).Should().Equal(data, "the held writes completed on the grown pool");
    }

    [Test]
    [Scenario(19)]
    public async Task Deleting_the_thin_of_a_pool_out_of_data_space_frees_every_block_and_returns_the_pool_to_rw()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(TinyPool(ThinPoolFeatures.ErrorIfNoSpace));
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        var overflow = () => thin.Active.WriteDirectAsync(Size.Zero, Pattern(Size.FromMiB(8)));
        await overflow.Should().ThrowAsync<DeviceException>();
        (await pool.StatusAsync(noFlush: true)).Mode.Should().Be(ThinPoolMode.OutOfDataSpace);

        await pool.DeleteAsync(thin);

        var status = await pool.StatusAsync();
        Note($"pool after delete: {status.Format()}");
        status.UsedDataBlocks.Should().Be(0);
        status.Mode.Should().Be(ThinPoolMode.ReadWrite, "the commit after the delete finds free space again");
        var again = await pool.CreateThinAsync(Size.FromMiB(4));
        await again.WriteAsync(Size.Zero, Pattern(Size.FromMiB(1)));
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(1)), "the freed space can be provisioned again");
    }

    [Test]
    [Scenario(20)]
    public async Task Falling_below_the_low_water_mark_raises_an_event_on_the_pool()
    {
        RecordKernel();
        using var deadline = Deadline();
        await using var stack = new DeviceStack();
        // 128 blocks, mark at 100 free: 1 MiB (16 blocks) stays above, 2 MiB (32 blocks) crosses it.
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(8), MetadataSize = Size.FromMiB(4), LowWaterMark = 100 });
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        var start = (await pool.Device.InfoAsync(deadline.Token)).EventNumber;

        await thin.WriteAsync(Size.Zero, Pattern(Size.FromMiB(1)), deadline.Token);
        (await pool.Device.InfoAsync(deadline.Token)).EventNumber.Should().Be(start, "112 free blocks are above the mark of 100: no event");

        await thin.WriteAsync(Size.FromMiB(1), Pattern(Size.FromMiB(1)), deadline.Token);
        var info = await pool.Device.WaitForEventAsync(start, deadline.Token);

        info.EventNumber.Should().BeGreaterThan(start);
        var status = await pool.StatusAsync(cancellationToken: deadline.Token);
        Note($"event {start} -> {info.EventNumber}; pool: {status.Format()}");
        (status.TotalDataBlocks - status.UsedDataBlocks).Should().BeLessThanOrEqualTo(100);
        status.Mode.Should().Be(ThinPoolMode.ReadWrite, "the mark is a warning, not a failure");
    }

    [Test]
    [Scenario(21)]
    public async Task The_data_device_grows_in_several_reloads_and_the_new_space_is_used()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(8), MetadataSize = Size.FromMiB(4) });
        var thin = await pool.CreateThinAsync(Size.FromMiB(64));
        var first = Pattern(Size.FromMiB(1));
        await thin.WriteAsync(Size.Zero, first);

        foreach (var mib in new[] { 12, 16, 24 })
        {
            await pool.GrowDataAsync(Size.FromMiB(mib));
            var grown = await pool.StatusAsync();
            Note($"data {mib} MiB: {grown.Format()}");
            grown.TotalDataBlocks.Should().Be(Blocks(Size.FromMiB(mib)));
            grown.Mode.Should().Be(ThinPoolMode.ReadWrite);
        }

        var beyond = Pattern(Size.FromMiB(12));
        await thin.WriteAsync(Size.FromMiB(8), beyond);
        var status = await pool.StatusAsync();
        status.UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(13)), "more blocks than the original 8 MiB held are in use");
        thin.Active.FlushBuffers();
        (await thin.ReadAsync(Size.Zero, first.Length)).Should().Equal(first);
        (await thin.ReadAsync(Size.FromMiB(8), beyond.Length)).Should().Equal(beyond);
    }

    [Test]
    [Scenario(21)]
    public async Task A_pool_table_longer_than_its_data_device_is_rejected_and_the_old_table_stays_live()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(8), MetadataSize = Size.FromMiB(4) });
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        var data = Pattern(Size.FromMiB(1));
        await thin.WriteAsync(Size.Zero, data);
        var tooLong = ThinPool.TableFor(pool.Data.SizeInSectors + Size.FromMiB(8).ToSectors(), pool.Target);

        var reload = () => pool.Device.ReloadAsync(tooLong);

        var refusal = (await reload.Should().ThrowAsync<DmOperationException>("the data device has 8 MiB, the table claims 16")).Which;
        Note($"refused: {refusal.Operation} errno {refusal.Errno}: {refusal.Message}");
        refusal.Errno.Should().Be(Errno.EINVAL);
        if ((await pool.Device.InfoAsync()).Suspended)
        {
            await pool.Device.ResumeAsync(); // a refused resume leaves the device suspended on its old table
        }

        (await pool.Device.TableAsync())!.Length.Should().Be(Size.FromMiB(8).ToSectors(), "the old table stays live");
        var status = await pool.StatusAsync();
        status.TotalDataBlocks.Should().Be(Blocks(Size.FromMiB(8)));
        status.Mode.Should().Be(ThinPoolMode.ReadWrite);
        thin.Active.FlushBuffers();
        (await thin.ReadAsync(Size.Zero, data.Length)).Should().Equal(data);
    }

    [Test]
    [Scenario(22)]
    public async Task Growing_the_metadata_device_grows_the_total_metadata_blocks()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(2) });
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        var data = Pattern(Size.FromMiB(1));
        await thin.WriteAsync(Size.Zero, data);
        var before = await pool.StatusAsync();
        Note($"before: {before.Format()}");
        before.TotalMetadataBlocks.Should().Be(512, "2 MiB of 4 KiB metadata blocks");

        await pool.GrowMetadataAsync(Size.FromMiB(4));

        var after = await pool.StatusAsync();
        Note($"after: {after.Format()}");
        after.TotalMetadataBlocks.Should().Be(1024, "4 MiB of 4 KiB metadata blocks");
        after.Mode.Should().Be(ThinPoolMode.ReadWrite);
        var more = Pattern(Size.FromMiB(1));
        await thin.WriteAsync(Size.FromMiB(4), more);
        thin.Active.FlushBuffers();
        (await thin.ReadAsync(Size.Zero, data.Length)).Should().Equal(data);
        (await thin.ReadAsync(Size.FromMiB(4), more.Length)).Should().Equal(more);
    }

    [Test]
    [Scenario(23)]
    public async Task Exhausting_tiny_metadata_makes_the_pool_read_only_until_thin_check_clears_the_needs_check_flag()
    {
        RecordKernel();
        using var deadline = Deadline(180);
        await using var stack = new DeviceStack();
        // 128 KiB of metadata (32 blocks) cannot map 8192 blocks; skip_block_zeroing keeps the data I/O to one page per block.
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions
        {
            DataSize = Size.FromMiB(512),
            MetadataSize = Size.FromKiB(128),
            Features = ThinPoolFeatures.SkipBlockZeroing | ThinPoolFeatures.ErrorIfNoSpace,
        });
        var thin = await pool.CreateThinAsync(Size.FromGiB(1)); // pages go to the first half; the second half stays unprovisioned
        Note($"fresh: {(await pool.StatusAsync()).Format()}");

        await WriteOnePagePerBlockAsync(thin.Active, Blocks(Size.FromMiB(512)));

        var exhausted = await pool.StatusAsync(noFlush: true, cancellationToken: deadline.Token);
        Note($"exhausted: {exhausted.Format()}");
        exhausted.Mode.Should().Be(ThinPoolMode.ReadOnly);
        var refused = () => thin.Active.WriteDirectAsync(Size.FromMiB(768), Pattern(Block), deadline.Token);
        await ShouldFailWithEioAsync(refused, "a pool out of metadata space cannot provision");

        await thin.Active.RemoveAsync(cancellationToken: deadline.Token);
        await pool.DeactivateAsync(deadline.Token);
        await pool.ReactivateAsync(cancellationToken: deadline.Token);
        var reactivated = await pool.StatusAsync(cancellationToken: deadline.Token);
        Note($"reactivated: {reactivated.Format()}");
        reactivated.Mode.Should().Be(ThinPoolMode.ReadOnly, "the pool stays read-only across a reactivation");
        reactivated.NeedsCheck.Should().BeTrue();

        await pool.DeactivateAsync(deadline.Token);
        var check = await ThinTools.CheckAsync(pool.Metadata, clearNeedsCheckFlag: true);
        Note($"thin_check --clear-needs-check-flag: {check.Outcome}, exit {check.ExitCode} {check.StandardError}{check.StandardOutput}");
        check.Outcome.Should().Be(CheckOutcome.Clean);
        await pool.MetadataLoop!.ResizeAsync(Size.FromMiB(4), deadline.Token); // room again, or the pool runs out at once
        await pool.ReactivateAsync(cancellationToken: deadline.Token);

        var repaired = await pool.StatusAsync(cancellationToken: deadline.Token);
        Note($"after thin_check: {repaired.Format()}");
        repaired.NeedsCheck.Should().BeFalse();
        repaired.Mode.Should().Be(ThinPoolMode.ReadWrite);
        var again = await pool.ActivateAsync(thin.Id, thin.VirtualSize, cancellationToken: deadline.Token);
        await again.WriteAsync(Size.Zero, Pattern(Block), deadline.Token);
    }

    /// <summary>
    /// Writes one 4 KiB page at the start of every data block through the page cache, then one
    /// fsync: thousands of mappings in one go. Write errors are logged, not thrown: the caller
    /// judges by the pool's status, and through the page cache the kernel did not report the
    /// pool's EIO to fsync on 6.1 anyway.
    /// </summary>
    private static Task WriteOnePagePerBlockAsync(BlockDevice device, ulong blocks)
    {
        var page = Pattern(Size.FromKiB(4));
        try
        {
            using var handle = File.OpenHandle(device.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            for (ulong i = 0; i < blocks; i++)
            {
                RandomAccess.Write(handle, page, checked((long)i * Block.Bytes));
            }

            RandomAccess.FlushToDisk(handle);
        }
        catch (IOException ex)
        {
            Note($"page-cache writes to {device.Path} failed: {ex.Message} (errno {ex.HResult})");
        }

        return Task.CompletedTask;
    }
}
