using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Errors;
using Sts.Dm.Messages;
using Sts.Dm.Status;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using Sts.Tests.Scenarios.Kit;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.Thin;

/// <summary>Scenarios 24–27: read_only pools, discards, the transaction id, external origins.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("thin_check")]
[RequiresTool("blkdiscard")]
public sealed class ThinPoolFeatureTests
{

    [Test]
    [Scenario(24)]
    public async Task A_read_only_pool_serves_reads_but_refuses_provisioning_create_and_delete()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool);
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        var data = Pattern(Size.FromMiB(1));
        await thin.WriteAsync(Size.Zero, data);
        var spare = new ThinDeviceId(1000);
        await pool.Device.MessageAsync(ThinPoolMessages.CreateThin(spare));

        await pool.SetFeaturesAsync(ThinPoolFeatures.ReadOnly);

        var status = await pool.StatusAsync();
        Note($"read_only pool: {status.Format()}");
        status.Mode.Should().Be(ThinPoolMode.ReadOnly);
        thin.Active.FlushBuffers();
        (await thin.ReadAsync(Size.Zero, data.Length)).Should().Equal(data, "reads work on a read-only pool");

        var provision = () => thin.Active.WriteDirectAsync(Size.FromMiB(8), Pattern(Block));
        await ShouldFailWithEioAsync(provision, "a read-only pool cannot provision a block");
        var create = () => pool.Device.MessageAsync(ThinPoolMessages.CreateThin(new ThinDeviceId(1001)));
        Note($"create_thin refused: errno {(await create.Should().ThrowAsync<DmOperationException>()).Which.Errno}");
        var delete = () => pool.Device.MessageAsync(ThinPoolMessages.Delete(spare));
        Note($"delete refused: errno {(await delete.Should().ThrowAsync<DmOperationException>()).Which.Errno}");
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(1)), "nothing was provisioned");
    }

    [Test]
    [Scenario(25)]
    public async Task Discarding_a_thin_frees_its_blocks_and_with_passdown_discards_them_on_the_data_device()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool with { DataSize = Size.FromMiB(8) });
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        var data = Pattern(Size.FromMiB(1));
        await thin.WriteAsync(Size.FromMiB(2), data);
        (await pool.StatusAsync()).Discards.Should().Be(ThinPoolDiscards.Passdown, "passdown is the default over a device that discards");
        var where = await FindOnDataDeviceAsync(pool, data.AsMemory(0, (int)Block.Bytes));
        where.Should().NotBeNull("the written block is somewhere on the data device");

        (await ThinTools.DiscardAsync(thin.Active, Size.FromMiB(2), Size.FromMiB(1))).ExitCode.Should().Be(0);

        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(0, "the discarded blocks went back to the pool");
        (await thin.StatusAsync()).MappedSectors.Should().Be(Sectors.Zero);
        (await thin.ReadAsync(Size.FromMiB(2), data.Length)).Should().OnlyContain(b => b == 0);
        pool.Data.FlushBuffers();
        (await pool.Data.ReadAsync(where!.Value, (int)Block.Bytes)).Should().OnlyContain(b => b == 0,
            "passdown discarded the freed block on the loop device, which punches it out of its file");
    }

    [Test]
    [Scenario(25)]
    public async Task With_no_discard_passdown_a_discard_frees_the_blocks_but_leaves_the_data_device_untouched()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool with { DataSize = Size.FromMiB(8), Features = ThinPoolFeatures.NoDiscardPassdown });
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        var data = Pattern(Size.FromMiB(1));
        await thin.WriteAsync(Size.Zero, data);
        (await pool.StatusAsync()).Discards.Should().Be(ThinPoolDiscards.NoPassdown);
        var where = await FindOnDataDeviceAsync(pool, data.AsMemory(0, (int)Block.Bytes));
        where.Should().NotBeNull();

        (await ThinTools.DiscardAsync(thin.Active, Size.Zero, Size.FromMiB(1))).ExitCode.Should().Be(0);

        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(0, "the pool still unmaps and frees the blocks");
        (await thin.ReadAsync(Size.Zero, data.Length)).Should().OnlyContain(b => b == 0);
        pool.Data.FlushBuffers();
        (await pool.Data.ReadAsync(where!.Value, (int)Block.Bytes)).Should().Equal(data.AsSpan(0, (int)Block.Bytes).ToArray(),
            "without passdown the data device never sees the discard");
    }

    [Test]
    [Scenario(25)]
    public async Task With_ignore_discard_a_discard_is_refused_and_nothing_is_freed()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool with { Features = ThinPoolFeatures.IgnoreDiscard });
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        var data = Pattern(Size.FromMiB(1));
        await thin.WriteAsync(Size.Zero, data);
        (await pool.StatusAsync()).Discards.Should().Be(ThinPoolDiscards.Ignore);

        var discard = await ThinTools.DiscardAsync(thin.Active, Size.Zero, Size.FromMiB(1));

        Note($"blkdiscard: exit {discard.ExitCode} {discard.StandardError}");
        discard.ExitCode.Should().NotBe(0, "the thin does not support discards at all");
        thin.Active.ReadAttribute("queue/discard_max_bytes").Should().Be("0");
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(1)));
        thin.Active.FlushBuffers();
        (await thin.ReadAsync(Size.Zero, data.Length)).Should().Equal(data);
    }

    [Test]
    [Scenario(25)]
    public async Task Discarding_blocks_shared_with_a_snapshot_unmaps_them_from_the_origin_without_freeing_them()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool with { DataSize = Size.FromMiB(8) });
        var origin = await pool.CreateThinAsync(Size.FromMiB(16));
        var data = Pattern(Size.FromMiB(1));
        await origin.WriteAsync(Size.Zero, data);
        var snapshot = await pool.CreateSnapshotAsync(origin);

        (await ThinTools.DiscardAsync(origin.Active, Size.Zero, Size.FromMiB(1))).ExitCode.Should().Be(0);

        (await origin.StatusAsync()).MappedSectors.Should().Be(Sectors.Zero, "the origin no longer maps the range");
        (await origin.ReadAsync(Size.Zero, data.Length)).Should().OnlyContain(b => b == 0);
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(1)), "the snapshot still holds the blocks");
        snapshot.Active.FlushBuffers();
        (await snapshot.ReadAsync(Size.Zero, data.Length)).Should().Equal(data, "the shared blocks were not discarded underneath the snapshot");
    }

    [Test]
    [Scenario(26)]
    public async Task The_transaction_id_starts_at_zero_and_moves_only_when_the_current_id_is_given()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool);
        (await pool.StatusAsync()).TransactionId.Should().Be(0);

        await pool.Device.MessageAsync(ThinPoolMessages.SetTransactionId(0, 1));
        (await pool.StatusAsync()).TransactionId.Should().Be(1);

        var wrong = () => pool.Device.MessageAsync(ThinPoolMessages.SetTransactionId(0, 2));
        (await wrong.Should().ThrowAsync<DmOperationException>("the current id is 1, not 0")).Which.Errno.Should().Be(Errno.EINVAL);
        (await pool.StatusAsync()).TransactionId.Should().Be(1, "a refused change leaves the id alone");

        await pool.Device.MessageAsync(ThinPoolMessages.SetTransactionId(1, 7));
        await pool.DeactivateAsync();
        await pool.ReactivateAsync();
        (await pool.StatusAsync()).TransactionId.Should().Be(7, "the id is committed to the metadata and survives a reactivation");
    }

    [Test]
    [Scenario(27)]
    public async Task An_external_origin_snapshot_reads_unprovisioned_areas_from_the_origin_and_never_writes_it()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var origin = await stack.LoopAsync(Size.FromMiB(4));
        var content = Pattern(Size.FromMiB(4));
        await origin.WriteAsync(Size.Zero, content);
        var pool = await stack.ThinPoolAsync(SmallPool);

        var thin = await pool.CreateExternalSnapshotAsync(stack.Admit(origin));

        (await thin.ReadAsync(Size.Zero, content.Length)).Should().Equal(content, "unprovisioned areas read from the external origin");
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(0, "reading provisions nothing");

        var page = Pattern(Size.FromKiB(4));
        await thin.WriteAsync(Size.FromMiB(1) + Size.FromKiB(8), page);
        thin.Active.FlushBuffers();
        var block = await thin.ReadAsync(Size.FromMiB(1), (int)Block.Bytes);
        var expected = content.AsSpan((int)Size.FromMiB(1).Bytes, (int)Block.Bytes).ToArray();
        page.CopyTo(expected, (int)Size.FromKiB(8).Bytes);
        block.Should().Equal(expected, "a partial write to a new block copies the rest of the block from the origin");
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(1);
        origin.FlushBuffers();
        (await origin.ReadAsync(Size.Zero, content.Length)).Should().Equal(content, "the external origin is never written");
    }

    /// <summary>Where a block-sized pattern sits on the pool's data device (block-aligned search), or null.</summary>
    private static async Task<Size?> FindOnDataDeviceAsync(ThinPool pool, ReadOnlyMemory<byte> block)
    {
        pool.Data.FlushBuffers();
        var all = await pool.Data.ReadAsync(Size.Zero, checked((int)pool.Data.Size.Bytes));
        for (long offset = 0; offset + block.Length <= all.Length; offset += Block.Bytes)
        {
            if (all.AsSpan((int)offset, block.Length).SequenceEqual(block.Span))
            {
                return Size.FromBytes(offset);
            }
        }

        return null;
    }
}
