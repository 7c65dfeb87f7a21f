using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.Thin;

/// <summary>Scenarios 13–16: provisioning, zeroing, snapshots of active volumes, many snapshots, snapshots of snapshots.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("thin_check")]
public sealed class ThinProvisioningTests
{
    [Test]
    [Scenario(13)]
    public async Task Writing_a_thin_maps_sectors_and_uses_data_blocks_while_unwritten_areas_read_as_zeros()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool);
        var thin = await pool.CreateThinAsync(Size.FromMiB(64));
        var empty = await pool.StatusAsync();
        empty.UsedDataBlocks.Should().Be(0, "a new thin owns no blocks");
        (await thin.StatusAsync()).MappedSectors.Should().Be(Sectors.Zero);

        var data = Pattern(Size.FromMiB(1));
        await thin.WriteAsync(Size.FromMiB(2), data);

        var pool1 = await pool.StatusAsync();
        var thin1 = await thin.StatusAsync();
        Note($"pool: {pool1.Format()} thin: {thin1.Format()}");
        pool1.UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(1)), "1 MiB written in whole 64 KiB blocks provisions 16 blocks");
        thin1.MappedSectors.Should().Be(Size.FromMiB(1).ToSectors());
        thin1.HighestMappedSector.Should().Be((Size.FromMiB(3).ToSectors() - Sectors.FromCount(1)));

        var more = Pattern(Size.FromMiB(1));
        await thin.WriteAsync(Size.FromMiB(10), more);
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(2)), "a second MiB elsewhere provisions 16 more blocks");
        (await thin.StatusAsync()).MappedSectors.Should().Be(Size.FromMiB(2).ToSectors());

        thin.Active.FlushBuffers();
        (await thin.ReadAsync(Size.FromMiB(2), data.Length)).Should().Equal(data);
        (await thin.ReadAsync(Size.FromMiB(10), more.Length)).Should().Equal(more);
        (await thin.ReadAsync(Size.Zero, (int)Size.FromMiB(2).Bytes)).Should().OnlyContain(b => b == 0, "never-written areas read as zeros");
        (await thin.ReadAsync(Size.FromMiB(40), (int)Size.FromMiB(1).Bytes)).Should().OnlyContain(b => b == 0);
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(2)), "reading unprovisioned areas provisions nothing");
    }

    [Test]
    [Scenario(13)]
    public async Task With_block_zeroing_a_partly_written_new_block_reads_zeros_around_the_write()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool with { DataSize = Size.FromMiB(8) });
        await FillWithGarbageAsync(pool);
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));

        var page = Pattern(Size.FromKiB(4));
        await thin.WriteAsync(Size.FromKiB(64 + 16), page);
        thin.Active.FlushBuffers();

        var block = await thin.ReadAsync(Block, (int)Block.Bytes);
        block.AsSpan(16 * 1024, page.Length).ToArray().Should().Equal(page);
        block.AsSpan(0, 16 * 1024).ToArray().Should().OnlyContain(b => b == 0, "the pool zeroes a new block before a partial write");
        block.AsSpan(20 * 1024).ToArray().Should().OnlyContain(b => b == 0, "the pool zeroes a new block before a partial write");
        (await thin.ReadAsync(Size.FromMiB(4), (int)Size.FromMiB(1).Bytes)).Should().OnlyContain(b => b == 0);
    }

    [Test]
    [Scenario(13)]
    public async Task With_skip_block_zeroing_never_written_blocks_still_read_as_zeros_but_a_partly_written_block_shows_old_data()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool with { DataSize = Size.FromMiB(8), Features = ThinPoolFeatures.SkipBlockZeroing });
        await FillWithGarbageAsync(pool);
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));

        thin.Active.FlushBuffers();
        (await thin.ReadAsync(Size.Zero, (int)Size.FromMiB(4).Bytes)).Should().OnlyContain(b => b == 0,
            "a never-written block of a new thin is unmapped, and the pool returns zeros for it whatever the data device holds");

        var page = Pattern(Size.FromKiB(4));
        await thin.WriteAsync(Size.FromKiB(64 + 16), page);
        thin.Active.FlushBuffers();
        var block = await thin.ReadAsync(Block, (int)Block.Bytes);
        block.AsSpan(16 * 1024, page.Length).ToArray().Should().Equal(page);
        block.AsSpan(0, 16 * 1024).ToArray().Should().OnlyContain(b => b == Garbage,
            "skip_block_zeroing provisions the block without zeroing it: the rest is what the data device held");
    }

    [Test]
    [Scenario(14)]
    public async Task A_snapshot_of_an_active_thin_keeps_the_old_data_when_the_origin_is_overwritten()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool);
        var origin = await pool.CreateThinAsync(Size.FromMiB(16));
        var before = Pattern(Size.FromMiB(1));
        await origin.WriteAsync(Size.FromMiB(1), before);

        var snapshot = await pool.CreateSnapshotAsync(origin);
        var after = Pattern(Size.FromMiB(1));
        await origin.WriteAsync(Size.FromMiB(1), after);

        origin.Active.FlushBuffers();
        snapshot.Active.FlushBuffers();
        (await origin.ReadAsync(Size.FromMiB(1), after.Length)).Should().Equal(after);
        (await snapshot.ReadAsync(Size.FromMiB(1), before.Length)).Should().Equal(before, "the snapshot still reads the data of the moment it was taken");
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(2 * Blocks(Size.FromMiB(1)), "overwriting shared blocks breaks sharing: new blocks for the origin");
    }

    [Test]
    [Scenario(14)]
    public async Task Writing_a_snapshot_of_an_active_thin_leaves_the_origin_unchanged()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool);
        var origin = await pool.CreateThinAsync(Size.FromMiB(16));
        var original = Pattern(Size.FromMiB(1));
        await origin.WriteAsync(Size.FromMiB(1), original);

        var snapshot = await pool.CreateSnapshotAsync(origin);
        var stamped = Pattern(Size.FromMiB(1));
        await snapshot.WriteAsync(Size.FromMiB(1), stamped);

        origin.Active.FlushBuffers();
        snapshot.Active.FlushBuffers();
        (await snapshot.ReadAsync(Size.FromMiB(1), stamped.Length)).Should().Equal(stamped);
        (await origin.ReadAsync(Size.FromMiB(1), original.Length)).Should().Equal(original, "writes to the snapshot never reach the origin");
    }

    [Test]
    [Scenario(15)]
    public async Task One_hundred_snapshots_of_one_volume_each_keep_the_old_data_while_origin_and_snapshots_are_written()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool);
        var origin = await pool.CreateThinAsync(Size.FromMiB(4));
        var original = Pattern(Block);
        await origin.WriteAsync(Block, original);

        var snapshots = await pool.CreateSnapshotsAsync(origin, 100);

        var newer = Pattern(Block);
        await origin.WriteAsync(Block, newer);

        // Activate a sample (first, middle, last): activating all hundred would cost minutes under emulation.
        ThinVolume[] sample = [snapshots[0], snapshots[49], snapshots[99]];
        var written = new List<(ThinVolume Volume, byte[] Data)>();
        foreach (var inactive in sample)
        {
            var snapshot = await pool.ActivateAsync(inactive.Id, inactive.VirtualSize);
            (await snapshot.ReadAsync(Block, original.Length)).Should().Equal(original, $"snapshot {snapshot.Id} was taken before the origin changed");
            var own = Pattern(Block);
            await snapshot.WriteAsync(Block, own);
            written.Add((snapshot, own));
        }

        origin.Active.FlushBuffers();
        (await origin.ReadAsync(Block, newer.Length)).Should().Equal(newer);
        foreach (var (snapshot, own) in written)
        {
            snapshot.Active.FlushBuffers();
            (await snapshot.ReadAsync(Block, own.Length)).Should().Equal(own);
        }

        var status = await pool.StatusAsync();
        Note($"pool after 100 snapshots: {status.Format()}");
        status.UsedDataBlocks.Should().Be(1 + 1 + 3, "the shared block, the origin's new block and one new block per written snapshot");
    }

    [Test]
    [Scenario(16)]
    public async Task Snapshots_of_snapshots_keep_their_data_after_the_origin_is_deleted()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool);
        var origin = await pool.CreateThinAsync(Size.FromMiB(4));
        var shared = Pattern(Block);
        var first = Pattern(Block);
        await origin.WriteAsync(Size.Zero, shared);
        await origin.WriteAsync(Block, first);

        var child = await pool.CreateSnapshotAsync(origin);
        var second = Pattern(Block);
        await child.WriteAsync(Block, second);
        var grandchild = await pool.CreateSnapshotAsync(child);
        var third = Pattern(Block);
        await grandchild.WriteAsync(Block, third);

        await pool.DeleteAsync(origin);

        child.Active.FlushBuffers();
        grandchild.Active.FlushBuffers();
        (await child.ReadAsync(Size.Zero, shared.Length)).Should().Equal(shared, "a block shared with the deleted origin stays with its snapshots");
        (await grandchild.ReadAsync(Size.Zero, shared.Length)).Should().Equal(shared);
        (await child.ReadAsync(Block, second.Length)).Should().Equal(second);
        (await grandchild.ReadAsync(Block, third.Length)).Should().Equal(third);
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(3, "the origin's own block was freed; shared, child's and grandchild's blocks remain");
    }

    private const byte Garbage = 0xA5;

    /// <summary>Fills the whole data device with a non-zero byte, so anything not zeroed by the pool shows.</summary>
    private static async Task FillWithGarbageAsync(ThinPool pool)
    {
        var garbage = new byte[pool.Data.Size.Bytes];
        Array.Fill(garbage, Garbage);
        await pool.Data.WriteAsync(Size.Zero, garbage);
    }
}
