using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm.Messages;
using Sts.Dmpd.Tools;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.Era;

/// <summary>
/// Catalog scenarios 39–42: dm-era write tracking against the real kernel and the era tools
/// (Documentation/admin-guide/device-mapper/era.rst).
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("era_check")]
[RequiresDmpdTool("era_invalidate")]
[RequiresDmpdTool("era_dump")]
[RequiresDmpdTool("era_restore")]
public sealed class EraTests
{
    private static readonly EraOptions Small = new() { OriginSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) };

    /// <summary>Era blocks touched by the tests: the first 16 (64 KiB each).</summary>
    private const int Blocks = 16;

    [Test]
    [Scenario(39)]
    public async Task Era_invalidate_written_since_a_checkpoint_reports_exactly_the_blocks_written_after_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var era = await stack.EraAsync(Small, timeout.Token);
        var (since, written) = await WriteOddThenCheckpointThenEvenAsync(era, timeout.Token);

        var invalidated = await InvalidatedLiveAsync(era, since, timeout.Token);

        invalidated.Should().Equal(written, "exactly the even blocks were written since era {0}; the odd ones before it", since);
    }

    [Test]
    [Scenario(40)]
    public async Task Era_dump_restore_gives_metadata_the_kernel_reactivates_with_unchanged_invalidation_results()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var era = await stack.EraAsync(Small, timeout.Token);
        var (since, written) = await WriteOddThenCheckpointThenEvenAsync(era, timeout.Token);
        var before = await InvalidatedLiveAsync(era, since, timeout.Token);
        var eraBefore = (await era.StatusAsync(timeout.Token)).CurrentEra;
        await era.Device.RemoveAsync(cancellationToken: timeout.Token);

        var tools = await DmpdAsync();
        var xml = Path.Combine(stack.Run.WorkDirectory, $"era-{Guid.NewGuid():N}.xml");
        await tools.EraDumpAsync(new EraDumpOptions(era.Metadata.Path) { Output = xml }, timeout.Token);
        var restoredMetadata = await stack.LoopAsync(Small.MetadataSize, cancellationToken: timeout.Token);
        // era_restore 0.9.0 refuses a block device as output ("Not a regular file"): restore into
        // the loop device's backing file, which the kernel then reads through the loop device.
        await tools.EraRestoreAsync(new EraRestoreOptions(xml, restoredMetadata.BackingFile), timeout.Token);
        restoredMetadata.FlushBuffers();

        var reactivated = await stack.EraAsync(Small with { OriginDevice = stack.Admit(era.Origin), MetadataDevice = stack.Admit(restoredMetadata), KeepMetadata = true }, timeout.Token);
        var status = await reactivated.StatusAsync(timeout.Token);
        var after = await InvalidatedLiveAsync(reactivated, since, timeout.Token);

        before.Should().Equal(written);
        status.CurrentEra.Should().BeGreaterThanOrEqualTo(eraBefore, "the restored metadata carries the era counter");
        after.Should().Equal(before, "restored metadata answers the same invalidation query");
    }

    [Test]
    [Scenario(41)]
    public async Task Data_written_through_era_reads_back_through_the_origin_and_the_other_way_across_reloads()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var era = await stack.EraAsync(Small, timeout.Token);
        var throughEra = RandomNumberGenerator.GetBytes(256 * 1024);
        var throughOrigin = RandomNumberGenerator.GetBytes(256 * 1024);
        var eraOffset = Size.FromMiB(1);
        var originOffset = Size.FromMiB(5);

        await era.Device.WriteAsync(eraOffset, throughEra, timeout.Token);
        era.Origin.FlushBuffers();
        (await era.Origin.ReadAsync(eraOffset, throughEra.Length, timeout.Token)).Should().Equal(throughEra, "era maps the origin one to one");

        await era.Device.SuspendAsync(cancellationToken: timeout.Token);
        await era.Origin.WriteAsync(originOffset, throughOrigin, timeout.Token); // behind era's back, while it is quiesced
        await era.Device.ReloadAsync(era.Table, cancellationToken: timeout.Token); // load; resume swaps the new table in
        era.Device.FlushBuffers();
        (await era.Device.ReadAsync(originOffset, throughOrigin.Length, timeout.Token)).Should().Equal(throughOrigin);
        (await era.Device.ReadAsync(eraOffset, throughEra.Length, timeout.Token)).Should().Equal(throughEra, "a reload loses nothing");

        await era.Device.RemoveAsync(cancellationToken: timeout.Token);
        var again = await stack.EraAsync(Small with { OriginDevice = stack.Admit(era.Origin), MetadataDevice = stack.Admit(era.Metadata), KeepMetadata = true }, timeout.Token);
        again.Device.FlushBuffers();
        (await again.Device.ReadAsync(eraOffset, throughEra.Length, timeout.Token)).Should().Equal(throughEra, "data survives a new era device on the same metadata");
        (await again.Device.ReadAsync(originOffset, throughOrigin.Length, timeout.Token)).Should().Equal(throughOrigin);
    }

    [Test]
    [Scenario(42)]
    public async Task Era_teardown_runs_era_check_and_reports_damaged_metadata()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stack = new DeviceStack();
        await using (stack)
        {
            var era = await stack.EraAsync(Small, timeout.Token);
            await era.Device.RemoveAsync(cancellationToken: timeout.Token);
            await era.Metadata.WriteAsync(Size.Zero, new byte[4096], timeout.Token); // wipe the superblock

            var teardown = () => stack.DisposeAsync().AsTask();

            var failed = (await teardown.Should().ThrowAsync<StackTeardownException>()).Which;
            failed.Failures.Should().ContainSingle("only the metadata check can fail").Which.Step.Should().StartWith("era_check ");
            failed.Failures[0].Error.Should().BeOfType<MetadataCheckFailedException>()
                .Which.Check.Outcome.Should().NotBe(Sts.Dmpd.Tools.CheckOutcome.Clean);
        }
    }

    /// <summary>
    /// Writes the odd blocks, checkpoints, then writes the even blocks.
    /// Returns the era the even writes belong to and the even block numbers.
    /// </summary>
    private static async Task<(uint Since, IReadOnlyList<ulong> Written)> WriteOddThenCheckpointThenEvenAsync(EraStack era, CancellationToken cancellationToken)
    {
        var block = era.Options.BlockSize.ToSize();
        for (var b = 1; b < Blocks; b += 2)
        {
            await era.Device.WriteAsync(block * b, RandomNumberGenerator.GetBytes(4096), cancellationToken);
        }

        var previous = await era.CheckpointAsync(cancellationToken);
        var since = (await era.StatusAsync(cancellationToken)).CurrentEra;
        since.Should().Be(previous + 1, "checkpoint starts a new era");
        var written = new List<ulong>();
        for (var b = 0; b < Blocks; b += 2)
        {
            await era.Device.WriteAsync(block * b, RandomNumberGenerator.GetBytes(4096), cancellationToken);
            written.Add((ulong)b);
        }

        return (since, written);
    }

    /// <summary>era_invalidate on the live device, through a metadata snapshot (era.rst: take_metadata_snap, then the tool, then drop_metadata_snap).</summary>
    private static async Task<IReadOnlyList<ulong>> InvalidatedLiveAsync(EraStack era, uint since, CancellationToken cancellationToken)
    {
        await era.Device.MessageAsync(EraMessages.TakeMetadataSnap, cancellationToken: cancellationToken);
        try
        {
            var held = await era.StatusAsync(cancellationToken);
            held.HeldMetadataRoot.Should().NotBeNull("the status shows the held metadata snapshot");
            var report = await (await DmpdAsync()).EraInvalidateReportAsync(
                new EraInvalidateOptions(era.Metadata.Path, since) { MetadataSnapshot = true }, cancellationToken);
            return [.. report.Blocks];
        }
        finally
        {
            await era.Device.MessageAsync(EraMessages.DropMetadataSnap, cancellationToken: CancellationToken.None);
        }
    }

}
