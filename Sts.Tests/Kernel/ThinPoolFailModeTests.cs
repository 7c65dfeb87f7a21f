using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Errors;
using Sts.Dm.Messages;
using Sts.Dm.Status;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Kernel;

/// <summary>
/// A pool in fail mode is a normal outcome of a failure test: its status ("Fail") is read through
/// the typed API as <see cref="ThinPoolMode.Fail"/>, never as an InvalidOperationException.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class ThinPoolFailModeTests
{
    [Test]
    public async Task A_pool_whose_metadata_device_fails_reports_Fail_through_its_typed_status()
    {
        RecordKernel();
        using var deadline = Deadline();
        var ct = deadline.Token;
        await using var stack = new DeviceStack();
        var metadataLoop = await stack.LoopAsync(Size.FromMiB(4), cancellationToken: ct);
        var metadata = await stack.FaultLayerAsync(stack.Admit(metadataLoop), ct);
        var pool = await stack.ThinPoolAsync(SmallPool with { MetadataDevice = stack.Admit(metadata.Device), CheckMetadataOnTeardown = false }, ct);
        var thin = await pool.CreateThinAsync(Size.FromMiB(8), ct);
        await thin.WriteAsync(Size.Zero, Pattern(Block), ct);
        (await pool.StatusAsync(cancellationToken: ct)).Mode.Should().Be(ThinPoolMode.ReadWrite);

        // Every metadata block now fails: the next commit fails, the pool aborts the transaction,
        // cannot reread its superblock either, and goes to fail mode (dm-thin.c, metadata_operation_failed).
        await metadata.FailAllAsync(noFlush: true, cancellationToken: ct);
        try
        {
            await pool.Device.MessageAsync(ThinPoolMessages.CreateThin(new ThinDeviceId(9)), cancellationToken: ct);
        }
        catch (DmMessageRefusedException refused)
        {
            Note($"create_thin on failing metadata: {refused.Message}");
        }

        var failed = await pool.Device.WaitForStatusAsync<ThinPoolStatus>(s => s.Mode == ThinPoolMode.Fail, StatusTimeout, noFlush: true, ct);

        Note($"pool status: {failed.Format()}");
        failed.IsRunning.Should().BeFalse();
        failed.Should().Be(ThinPoolStatus.Failed, "a failed pool reports \"Fail\" and nothing else");
        failed.UsedDataBlocks.Should().BeNull();
        failed.TransactionId.Should().BeNull();
        (await pool.Device.StatusLinesAsync(cancellationToken: ct)).Should().ContainSingle()
            .Which.Status.Should().Be(ThinPoolStatus.Failed, "the untyped path gives the same typed state");
    }
}
