using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm.Status;

namespace Sts.Tests.Unit.Dm;

/// <summary>Statuses captured from Debian's 6.1 kernel by TestData/dm/capture.sh; expected values come from the setup in that script.</summary>
public sealed class CapturedStatusTests
{
    private static IEnumerable<string> StatusFiles() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "dm"), "*.status*")
            .Where(f => new FileInfo(f).Length > 0).Select(Path.GetFileName)!;

    private static T Status<T>(string file) where T : DmStatus =>
        DmStatusLine.ParseAll(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "dm", file)))[0].Status.Should().BeOfType<T>().Subject;

    [TestCaseSource(nameof(StatusFiles))]
    public void Every_captured_status_line_parses_and_formats_back_exactly(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "dm", file));
        foreach (var line in text.Split('\n').Where(l => l.Length > 0))
        {
            DmStatusLine.Parse(line).Format().Should().Be(line);
        }
    }

    [Test]
    public void A_fresh_pool_of_64_MiB_in_64_KiB_blocks_has_1024_free_data_blocks()
    {
        var pool = Status<ThinPoolStatus>("thin-pool.status");
        (pool.UsedDataBlocks, pool.TotalDataBlocks).Should().Be((0UL, 1024UL));
        pool.TotalMetadataBlocks.Should().Be(2048, "8 MiB of metadata in 4 KiB blocks");
        pool.Mode.Should().Be(ThinPoolMode.ReadWrite);
        pool.Discards.Should().Be(ThinPoolDiscards.Passdown);
        pool.ErrorIfNoSpace.Should().BeFalse();
        pool.HeldMetadataRoot.Should().BeNull();
    }

    [Test]
    public void Writing_1_MiB_to_a_thin_device_maps_16_blocks()
    {
        Status<ThinPoolStatus>("thin-pool.status-io").UsedDataBlocks.Should().Be(16);
        Status<ThinStatus>("thin.status").Should().Be(new ThinStatus(Sectors.FromCount(2048), Sectors.FromCount(2047)));
        Status<ThinStatus>("thin-fresh.status").Should().Be(new ThinStatus(Sectors.FromCount(0), null));
    }

    [Test]
    public void A_snapshot_shares_16_blocks_and_adds_4_of_its_own()
    {
        Status<ThinPoolStatus>("thin-pool-after-snap.status").UsedDataBlocks.Should().Be(20);
        Status<ThinStatus>("thin-snap.status").Should().Be(new ThinStatus(Sectors.FromCount(20 * 128), Sectors.FromCount(4607)));
    }

    [Test]
    public void Pool_states_come_out_typed()
    {
        var held = Status<ThinPoolStatus>("thin-pool-held-root.status");
        held.HeldMetadataRoot.Should().NotBeNull();
        held.TransactionId.Should().Be(1, "set_transaction_id 0 1 was sent");
        Status<ThinPoolStatus>("thin-pool-read-only.status").Mode.Should().Be(ThinPoolMode.ReadOnly);
        var full = Status<ThinPoolStatus>("thin-pool-out-of-data-space.status");
        full.Mode.Should().Be(ThinPoolMode.OutOfDataSpace);
        (full.UsedDataBlocks, full.TotalDataBlocks).Should().Be((128UL, 128UL));
        full.ErrorIfNoSpace.Should().BeTrue();
        Status<ThinPoolStatus>("thin-pool-features.status").Discards.Should().Be(ThinPoolDiscards.Ignore);
        Status<ThinPoolStatus>("thin-pool-no-discard-passdown.status").Discards.Should().Be(ThinPoolDiscards.NoPassdown);
    }

    [Test]
    public void A_pool_whose_metadata_device_fails_reports_Fail_and_so_do_its_thins()
    {
        var pool = Status<ThinPoolStatus>("thin-pool-failed.status");
        pool.Mode.Should().Be(ThinPoolMode.Fail, "a pool in fail mode is a typed state, not an error");
        pool.IsRunning.Should().BeFalse();
        new object?[] { pool.TransactionId, pool.UsedMetadataBlocks, pool.TotalMetadataBlocks, pool.UsedDataBlocks, pool.TotalDataBlocks,
            pool.HeldMetadataRoot, pool.Discards, pool.ErrorIfNoSpace, pool.NeedsCheck, pool.MetadataLowWatermark }
            .Should().OnlyContain(field => field == null, "a failed pool reports nothing but \"Fail\"");
        pool.Format().Should().Be("Fail");
        Status<FailedStatus>("thin-failed.status").Failure.Should().Be(DmFailure.Fail);
    }

    [Test]
    public void Cache_statuses_carry_block_sizes_mode_and_policy()
    {
        var wt = Status<CacheStatus>("cache-writethrough.status");
        wt.CacheBlockSize.Should().Be(Sectors.FromCount(128));
        wt.TotalCacheBlocks.Should().Be(512, "32 MiB in 64 KiB blocks");
        wt.Features.Should().Equal(Sts.Dm.Targets.CacheFeature.Writethrough);
        wt.Policy.Should().Be("smq");
        Status<CacheStatus>("cache-migration-threshold.status").CoreSettings.Should().Equal(new Sts.Dm.Targets.CachePolicySetting("migration_threshold", "4096"));
        var written = Status<CacheStatus>("cache-writeback.status-io");
        (written.WriteHits + written.WriteMisses).Should().BeGreaterThan(0, "8 MiB were written; dirty blocks depend on writeback timing");
        var cleaned = Status<CacheStatus>("cache-cleaner.status");
        cleaned.Policy.Should().Be("cleaner");
        cleaned.DirtyBlocks.Should().Be(0);
    }

    [Test]
    public void Era_counts_checkpoints_and_reports_a_held_root()
    {
        Status<EraStatus>("era.status").CurrentEra.Should().Be(1);
        Status<EraStatus>("era.status-io").CurrentEra.Should().Be(3, "two checkpoints were sent");
        Status<EraStatus>("era-held-root.status").HeldMetadataRoot.Should().NotBeNull();
    }

    [Test]
    public void Snapshot_states_are_typed()
    {
        Status<SnapshotStatus>("snapshot-persistent.status").MetadataSectors.Should().Be(Sectors.FromCount(16));
        Status<SnapshotStatus>("snapshot-transient.status").MetadataSectors.Should().Be(Sectors.FromCount(0));
        Status<SnapshotStatus>("snapshot-invalid.status").State.Should().Be(SnapshotState.Invalid);
        Status<SnapshotStatus>("snapshot-overflow.status").State.Should().Be(SnapshotState.Overflow);
        Status<SnapshotStatus>("snapshot-merge.status").TargetType.Should().Be("snapshot-merge");
    }

    [Test]
    public void Other_targets_report_typed_statuses()
    {
        Status<StripedStatus>("striped4.status").Alive.Should().Equal(true, true, true, true);
        Status<RaidStatus>("raid1.status-io").IsHealthyAndInSync.Should().BeTrue();
        Status<IntegrityStatus>("integrity.status").ProvidedDataSectors.Should().Be(Sectors.FromCount(64664));
        Status<WritecacheStatus>("writecache.status").FreeBlocks.Should().Be(4080);
        Status<VerityStatus>("verity.status-io").CorruptionDetected.Should().BeTrue("the root digest was made up");
        Status<EmptyStatus>("linear.status").TargetType.Should().Be("linear");
        Status<DelayStatus>("delay-read.status").Should().Be(new DelayStatus(0, 0, 0));
    }

    [Test]
    public void A_one_path_multipath_device_has_one_active_group_with_its_path_active()
    {
        var status = Status<MultipathStatus>("multipath.status");
        status.Groups.Should().ContainSingle().Which.State.Should().Be(MultipathGroupState.Active);
        status.NextGroup.Should().Be(1);
        var path = status.Paths.Should().ContainSingle().Subject;
        path.Device.ToString().Should().Be("7:54");
        path.Active.Should().BeTrue();
        path.FailCount.Should().Be(0);
    }

    [Test]
    public void A_failed_path_shows_F_and_its_fail_count_in_every_group_that_holds_it()
    {
        var healthy = Status<MultipathStatus>("multipath-two-groups.status");
        healthy.Groups.Select(g => g.State).Should().Equal(MultipathGroupState.Active, MultipathGroupState.Enabled);
        healthy.Groups[1].Paths.Should().ContainSingle().Which.SelectorArgs.Should().Equal("0", "1"); // service-time: in-flight size, relative throughput
        healthy.ActivePaths.Should().Be(3);

        var failed = Status<MultipathStatus>("multipath-two-groups.status-io"); // after "fail_path" of the second loop device
        failed.Paths.Where(p => p.Device.ToString() == "7:55").Should().HaveCount(2).And.OnlyContain(p => !p.Active && p.FailCount == 1);
        failed.ActivePaths.Should().Be(1);
    }

    [Test]
    public void A_synced_two_leg_mirror_reports_both_legs_alive_and_its_log()
    {
        var core = Status<MirrorStatus>("mirror-core.status");
        core.Devices.Select(d => d.ToString()).Should().Equal("7:36", "7:37");
        core.InSync.Should().BeTrue();
        core.TotalRegions.Should().Be(64);
        core.AllAlive.Should().BeTrue();
        core.LogStatus.Should().Equal("core");
        Status<MirrorStatus>("mirror-disk.status").LogStatus.Should().Equal("disk", "7:38", "A");
    }
}
