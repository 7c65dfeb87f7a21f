using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm.Messages;
using Sts.Dmpd;
using Sts.Dmpd.Tools;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using Sts.Tests.Scenarios.Kit;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.Thin;

/// <summary>Scenarios 28–30: metadata snapshots, dump/wipe/restore, the thin_check at pool teardown.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("thin_check")]
[RequiresDmpdTool("thin_dump")]
[RequiresDmpdTool("thin_restore")]
[RequiresDmpdTool("thin_ls")]
public sealed class ThinMetadataTests
{
    [Test]
    [Scenario(28)]
    public async Task A_reserved_metadata_snapshot_is_held_in_status_readable_by_thin_ls_and_thin_dump_while_live_and_frozen_until_released()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool);
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        await thin.WriteAsync(Size.Zero, Pattern(Size.FromMiB(1)));
        (await pool.StatusAsync()).HeldMetadataRoot.Should().BeNull("no metadata snapshot yet");

        await pool.Device.MessageAsync(ThinPoolMessages.ReserveMetadataSnap);

        var held = await pool.StatusAsync();
        Note($"held: {held.Format()}");
        held.HeldMetadataRoot.Should().NotBeNull();
        var listed = await ThinTools.ListMappedBlocksAsync(pool.Metadata, metadataSnap: true);
        listed.Should().ContainKey(thin.Id.Value).WhoseValue.Should().Be(Blocks(Size.FromMiB(1)), "thin_ls -m reads the snapshot of the live pool");
        var dump = await ThinTools.DumpAsync(pool.Metadata, metadataSnap: true);
        dump.Should().Contain($"dev_id=\"{thin.Id}\" mapped_blocks=\"{Blocks(Size.FromMiB(1))}\"");

        await thin.WriteAsync(Size.FromMiB(4), Pattern(Size.FromMiB(1)));
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(2)));
        (await ThinTools.ListMappedBlocksAsync(pool.Metadata, metadataSnap: true))[thin.Id.Value].Should()
            .Be(Blocks(Size.FromMiB(1)), "the metadata snapshot is frozen at the moment it was reserved");

        await pool.Device.MessageAsync(ThinPoolMessages.ReleaseMetadataSnap);

        (await pool.StatusAsync()).HeldMetadataRoot.Should().BeNull("the snapshot was released");
        var tools = await DmpdAsync();
        var afterRelease = await FluentActions.Awaiting(() => tools.ThinDumpAsync(new ThinDumpOptions(pool.Metadata.Path) { MetadataSnapshot = true }))
            .Should().ThrowAsync<DmpdToolException>("there is no metadata snapshot to read any more");
        Note($"thin_dump -m after release ({tools}): {afterRelease.Which.Kind}, exit {afterRelease.Which.ExitCode} {afterRelease.Which.StandardError}");
    }

    [Test]
    [Scenario(29)]
    public async Task Metadata_dumped_wiped_and_restored_brings_the_pool_back_with_its_data_and_an_identical_dump()
    {
        RecordKernel();
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool);
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        var data = Pattern(Size.FromMiB(2));
        await thin.WriteAsync(Size.FromMiB(3), data);
        var snapshot = await pool.CreateSnapshotAsync(thin, activate: false);
        await thin.WriteAsync(Size.FromMiB(3), Pattern(Block)); // origin and snapshot now differ in one block
        var origin = (await thin.ReadAsync(Size.FromMiB(3), data.Length));
        await thin.Active.RemoveAsync();
        await pool.DeactivateAsync();
        var before = await ThinTools.DumpAsync(pool.Metadata);
        var xml = Path.Combine(RunContext.Current.WorkDirectory, $"thin-dump-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(xml, before);
        stack.Defer($"delete {xml}", _ =>
        {
            File.Delete(xml);
            return Task.CompletedTask;
        });

        await pool.Metadata.WriteAsync(Size.Zero, new byte[pool.Metadata.Size.Bytes]);
        pool.Metadata.FlushBuffers();
        (await ThinTools.CheckAsync(pool.Metadata)).ExitCode.Should().NotBe(0, "the metadata is wiped");
        await ThinTools.RestoreAsync(xml, pool.Metadata);
        await pool.ReactivateAsync();

        var restored = await pool.ActivateAsync(thin.Id, thin.VirtualSize);
        var restoredSnapshot = await pool.ActivateAsync(snapshot.Id, snapshot.VirtualSize);
        (await restored.ReadAsync(Size.FromMiB(3), data.Length)).Should().Equal(origin, "the origin's data is intact");
        (await restoredSnapshot.ReadAsync(Size.FromMiB(3), data.Length)).Should().Equal(data, "the snapshot's data is intact");
        await restored.Active.RemoveAsync();
        await restoredSnapshot.Active.RemoveAsync();
        await pool.DeactivateAsync();
        (await ThinTools.DumpAsync(pool.Metadata)).Should().Be(before, "the restored metadata dumps exactly as before");
    }

    [Test]
    [Scenario(30)]
    public async Task Pool_teardown_runs_thin_check_which_passes_on_metadata_the_kernel_wrote()
    {
        RecordKernel();
        var stack = new DeviceStack();
        try
        {
            var pool = await stack.ThinPoolAsync(SmallPool);
            var thin = await pool.CreateThinAsync(Size.FromMiB(16));
            await thin.WriteAsync(Size.Zero, Pattern(Size.FromMiB(1)));
            await pool.CreateSnapshotAsync(thin);
            var position = CommandJournal.Position;

            await stack.DisposeAsync();

            var checks = CommandJournal.Since(position)
                .Where(e => e.CommandLine.Contains("thin_check", StringComparison.Ordinal) && e.CommandLine.EndsWith(pool.Metadata.Path, StringComparison.Ordinal))
                .ToList();
            Note(string.Concat(checks.Select(e => e.ToString())));
            checks.Should().ContainSingle("teardown checks the pool's metadata once, after the pool is gone")
                .Which.ExitCode.Should().Be(0, "the metadata the kernel wrote checks clean");
        }
        finally
        {
            await DisposeQuietlyAsync(stack);
        }
    }

    [Test]
    [Scenario(30)]
    public async Task Pool_teardown_reports_damaged_metadata_as_a_failed_thin_check_step()
    {
        RecordKernel();
        var stack = new DeviceStack();
        try
        {
            var pool = await stack.ThinPoolAsync(SmallPool);
            await DamageAfterUseAsync(pool);

            var teardown = () => stack.DisposeAsync().AsTask();

            var failure = (await teardown.Should().ThrowAsync<StackTeardownException>()).Which;
            Note(failure.Message);
            failure.Failures.Should().ContainSingle().Which.Step.Should().StartWith("thin_check ");
            failure.Failures[0].Error.Should().BeOfType<MetadataCheckFailedException>();
            stack.Devices.Should().BeEmpty("every other teardown step still ran");
            stack.LoopDevices.Should().BeEmpty();
        }
        finally
        {
            await DisposeQuietlyAsync(stack);
        }
    }

    [Test]
    [Scenario(30)]
    public async Task Pool_teardown_skips_thin_check_when_the_test_turned_it_off_for_metadata_it_damaged()
    {
        RecordKernel();
        var stack = new DeviceStack();
        try
        {
            var pool = await stack.ThinPoolAsync(SmallPool);
            await DamageAfterUseAsync(pool);
            pool.CheckMetadataOnTeardown = false;

            var teardown = () => stack.DisposeAsync().AsTask();

            await teardown.Should().NotThrowAsync();
            stack.Devices.Should().BeEmpty();
        }
        finally
        {
            await DisposeQuietlyAsync(stack);
        }
    }

    /// <summary>Uses the pool, removes it, then zeroes the metadata superblock (an active pool would rewrite it on removal).</summary>
    private static async Task DamageAfterUseAsync(ThinPool pool)
    {
        var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        await thin.WriteAsync(Size.Zero, Pattern(Size.FromMiB(1)));
        await thin.Active.RemoveAsync();
        await pool.DeactivateAsync();
        (await ThinTools.CheckAsync(pool.Metadata)).ExitCode.Should().Be(0, "the metadata is clean before the damage");
        await pool.Metadata.WriteAsync(Size.Zero, new byte[4096]);
        pool.Metadata.FlushBuffers();
    }

    private static async Task DisposeQuietlyAsync(DeviceStack stack)
    {
        try
        {
            await stack.DisposeAsync(); // nothing left when the test already disposed it
        }
        catch (StackTeardownException ex)
        {
            Note($"teardown after a failed test: {ex.Message}");
        }
    }

}
