using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
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
        var listed = await ThinTools.ListUsageAsync(pool.Metadata, metadataSnap: true);
        listed.Should().ContainKey(thin.Id.Value).WhoseValue.Mapped.Should().Be(Blocks(Size.FromMiB(1)), "thin_ls -m reads the snapshot of the live pool");
        var dump = await ThinTools.DumpAsync(pool.Metadata, metadataSnap: true);
        dump.Should().Contain($"dev_id=\"{thin.Id}\" mapped_blocks=\"{Blocks(Size.FromMiB(1))}\"");

        await thin.WriteAsync(Size.FromMiB(4), Pattern(Size.FromMiB(1)));
        (await pool.StatusAsync()).UsedDataBlocks.Should().Be(Blocks(Size.FromMiB(2)));
        (await ThinTools.ListUsageAsync(pool.Metadata, metadataSnap: true))[thin.Id.Value].Mapped.Should()
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
        var (thin, snapshot, originData, snapshotData) = await OriginAndSnapshotThatDifferInOneBlockAsync(pool);
        await pool.DeactivateAsync();

        var dump = await ThinTools.DumpToFileAsync(pool.Metadata, stack);
        await ZeroAsync(pool.Metadata);
        (await ThinTools.CheckAsync(pool.Metadata)).ExitCode.Should().NotBe(0, "the metadata is wiped");
        await ThinTools.RestoreAsync(dump, pool.Metadata);
        await pool.ReactivateAsync();

        await using (var restored = await pool.ActivateAsync(thin.Id, thin.VirtualSize))
        await using (var restoredSnapshot = await pool.ActivateAsync(snapshot.Id, snapshot.VirtualSize))
        {
            (await restored.ReadAsync(DataAt, originData.Length)).Should().Equal(originData, "the origin's data is intact");
            (await restoredSnapshot.ReadAsync(DataAt, snapshotData.Length)).Should().Equal(snapshotData, "the snapshot's data is intact");
        }

        await pool.DeactivateAsync();
        (await ThinTools.DumpAsync(pool.Metadata)).Should().Be(await File.ReadAllTextAsync(dump), "the restored metadata dumps exactly as before");
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

    /// <summary>Where <see cref="OriginAndSnapshotThatDifferInOneBlockAsync"/> writes.</summary>
    private static readonly Size DataAt = Size.FromMiB(3);

    /// <summary>
    /// A thin with 2 MiB of data, an (inactive) snapshot of it, then one block of the thin
    /// rewritten, so origin and snapshot differ; the thin is deactivated again (its scope ends).
    /// </summary>
    private static async Task<(ThinVolume Thin, ThinVolume Snapshot, byte[] OriginData, byte[] SnapshotData)> OriginAndSnapshotThatDifferInOneBlockAsync(ThinPool pool)
    {
        await using var thin = await pool.CreateThinAsync(Size.FromMiB(16));
        var snapshotData = Pattern(Size.FromMiB(2));
        await thin.WriteAsync(DataAt, snapshotData);
        var snapshot = await pool.CreateSnapshotAsync(thin, activate: false);
        await thin.WriteAsync(DataAt, Pattern(Block));
        return (thin, snapshot, await thin.ReadAsync(DataAt, snapshotData.Length), snapshotData);
    }

    /// <summary>Uses the pool, removes it, then zeroes the metadata superblock (an active pool would rewrite it on removal).</summary>
    private static async Task DamageAfterUseAsync(ThinPool pool)
    {
        await using (var thin = await pool.CreateThinAsync(Size.FromMiB(16)))
        {
            await thin.WriteAsync(Size.Zero, Pattern(Size.FromMiB(1)));
        }

        await pool.DeactivateAsync();
        (await ThinTools.CheckAsync(pool.Metadata)).ExitCode.Should().Be(0, "the metadata is clean before the damage");
        await ZeroAsync(pool.Metadata, Size.FromKiB(4));
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
