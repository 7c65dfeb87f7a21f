using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm.Status;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.DmSnapshot;

/// <summary>Catalog scenarios 43–45: dm-snapshot isolation, overflow and merge.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class DmSnapshotScenarios
{
    private static readonly Size A = Size.FromMiB(1);
    private static readonly Size B = Size.FromMiB(5);
    private const int Length = 64 * 1024;

    [TestCase(SnapshotPersistence.Persistent)]
    [TestCase(SnapshotPersistence.Transient)]
    [Scenario(43)]
    public async Task Writes_to_the_snapshot_never_reach_the_origin_and_writes_to_the_origin_never_change_the_snapshot(SnapshotPersistence persistence)
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var snap = await stack.SnapshotAsync(new SnapshotOptions
        {
            OriginSize = Size.FromMiB(16), CowSize = Size.FromMiB(8), Persistence = persistence, TakeSnapshot = false,
        }, ct);
        var beforeA = Pattern(Length);
        var beforeB = Pattern(Length);
        await snap.Origin.WriteAsync(A, beforeA, ct);
        await snap.Origin.WriteAsync(B, beforeB, ct);
        await snap.TakeSnapshotAsync(ct);
        var originLater = Pattern(Length);
        var snapshotLater = Pattern(Length);

        await snap.Origin.WriteAsync(A, originLater, ct);
        await snap.Snapshot.WriteAsync(B, snapshotLater, ct);

        snap.Snapshot.FlushBuffers();
        snap.Origin.FlushBuffers();
        snap.OriginDisk.FlushBuffers();
        (await snap.Snapshot.ReadAsync(A, Length, ct)).Should().Equal(beforeA, "the snapshot keeps what the origin held when it was taken");
        (await snap.Snapshot.ReadAsync(B, Length, ct)).Should().Equal(snapshotLater, "the snapshot is writable");
        (await snap.Origin.ReadAsync(A, Length, ct)).Should().Equal(originLater);
        (await snap.Origin.ReadAsync(B, Length, ct)).Should().Equal(beforeB, "the snapshot's write did not reach the origin");
        (await snap.OriginDisk.ReadAsync(B, Length, ct)).Should().Equal(beforeB, "nor the origin's disk");
        var status = await snap.Snapshot.StatusAsync<SnapshotStatus>(cancellationToken: ct);
        status.State.Should().Be(SnapshotState.Active);
        status.AllocatedSectors!.Value.Count.Should().BeGreaterThanOrEqualTo(2 * Size.FromBytes(Length).ToSectors().Count,
            "both changed areas took exception chunks in the COW store");
    }

    [Test]
    [Scenario(44)]
    public async Task Overfilling_a_snapshot_invalidates_it_with_an_event_while_the_origin_keeps_working()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var snap = await stack.SnapshotAsync(new SnapshotOptions { OriginSize = Size.FromMiB(16), CowSize = Size.FromMiB(1) }, ct);
        var before = await snap.Snapshot.InfoAsync(ct);
        var data = Pattern((int)Size.FromMiB(4).Bytes); // four times what the 1 MiB COW device can hold

        await snap.Origin.WriteAsync(Size.Zero, data, ct);

        await snap.Snapshot.WaitForEventAsync(before.EventNumber, ct); // the kernel raises an event when it invalidates a snapshot
        (await snap.Snapshot.StatusAsync<SnapshotStatus>(cancellationToken: ct)).State.Should().Be(SnapshotState.Invalid);
        snap.Snapshot.FlushBuffers();
        await ShouldFailWithEioAsync(() => snap.Snapshot.ReadAsync(Size.FromMiB(8), 4096, ct), "an invalid snapshot fails all I/O");
        snap.OriginDisk.FlushBuffers();
        (await snap.OriginDisk.ReadAsync(Size.Zero, data.Length, ct)).Should().Equal(data, "every origin write landed");
        var more = Pattern(4096);
        await snap.Origin.WriteAsync(Size.FromMiB(10), more, ct);
        snap.Origin.FlushBuffers();
        (await snap.Origin.ReadAsync(Size.FromMiB(10), more.Length, ct)).Should().Equal(more, "the origin keeps working");
    }

    [Test]
    [Scenario(45)]
    public async Task A_merged_snapshot_completes_with_allocated_equal_to_metadata_and_the_origin_then_holds_the_snapshots_data()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var snap = await stack.SnapshotAsync(new SnapshotOptions { OriginSize = Size.FromMiB(16), CowSize = Size.FromMiB(8), TakeSnapshot = false }, ct);
        var beforeA = Pattern(Length);
        var beforeB = Pattern(Length);
        await snap.Origin.WriteAsync(A, beforeA, ct);
        await snap.Origin.WriteAsync(B, beforeB, ct);
        await snap.TakeSnapshotAsync(ct);
        var snapshotLater = Pattern(Length);
        await snap.Snapshot.WriteAsync(A, snapshotLater, ct);
        await snap.Origin.WriteAsync(B, Pattern(Length), ct); // after the snapshot: the merge rolls it back

        await snap.StartMergeAsync(ct);
        var merged = await snap.WaitForMergeAsync(ct);

        merged.TargetType.Should().Be("snapshot-merge");
        merged.AllocatedSectors.Should().Be(merged.MetadataSectors, "a merge is complete when only metadata remains allocated");
        (await snap.Origin.TableAsync(cancellationToken: ct))!.Lines[0].Target.Should().BeOfType<SnapshotMergeTarget>();
        snap.Origin.FlushBuffers();
        snap.OriginDisk.FlushBuffers();
        (await snap.Origin.ReadAsync(A, Length, ct)).Should().Equal(snapshotLater, "the snapshot's write was merged into the origin");
        (await snap.Origin.ReadAsync(B, Length, ct)).Should().Equal(beforeB, "the origin is the snapshot now: its later write is rolled back");
        (await snap.OriginDisk.ReadAsync(A, Length, ct)).Should().Equal(snapshotLater, "the merge wrote the origin's disk");
        (await snap.OriginDisk.ReadAsync(B, Length, ct)).Should().Equal(beforeB);
    }
}
