using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm.Tables;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Runs;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Faults;

/// <summary>Defects the fault campaign found, each with its reproducer.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class FaultRegressionTests
{
    /// <summary>
    /// Found by an exception at the teardown step "remove &lt;device&gt;": the later "detach" of the
    /// loop device under it succeeds with the detach left pending (autoclear: the device is open),
    /// the reaper's removal of the device then detaches the loop device, and the reaper's own
    /// losetup --detach answered ENXIO, so it reported the run as not reaped and kept its directory.
    /// </summary>
    [Test]
    public async Task A_loop_device_whose_detach_was_pending_is_not_a_reaper_failure()
    {
        var run = RunContext.Create();
        var loop = await LoopDevice.CreateAsync(Size.FromMiB(4), run: run);
        var name = run.NewName("linear");
        await StackBackend.Shared.CreateAsync(name, DmTable.OneLine(loop.SizeInSectors, new LinearTarget(loop.DeviceNumber, Sectors.Zero)));
        try
        {
            await loop.DetachAsync(); // the linear device holds it: the kernel only marks it to detach on last close
            var leftovers = await RunJanitor.FindLeftoversAsync(run.Id, run.WorkDirectory);
            leftovers.DmDevices.Should().Equal(name);
            leftovers.LoopDevices.Select(l => l.Path).Should().Equal(loop.Path);

            await RunJanitor.RemoveAsync(leftovers); // threw AggregateException ("detach failed: No such device or address")

            (await RunJanitor.FindLeftoversAsync(run.Id, run.WorkDirectory)).IsEmpty.Should().BeTrue();
        }
        finally
        {
            if (await StackBackend.Shared.TryGetInfoAsync(name) is not null)
            {
                await StackBackend.Shared.RemoveAsync(name, attempts: 5);
            }

            run.Complete();
        }
    }

    /// <summary>
    /// Found by a metadata checker crashing after a set-up step had failed: the test reported only
    /// the teardown's <see cref="StackTeardownException"/> (under <c>await using</c> it replaced the
    /// set-up failure). The set-up failure now comes first, as the inner exception.
    /// </summary>
    [Test]
    public async Task A_teardown_failure_after_a_failed_set_up_step_keeps_the_set_up_failure_first()
    {
        var original = new InjectedFaultException("create linear");
        var stack = new DeviceStack { FaultHook = step => step.StartsWith("create ", StringComparison.Ordinal) ? Task.FromException(original) : Task.CompletedTask };
        stack.Defer("a step of the test's own that fails", _ => throw new InvalidOperationException("teardown step failed"));

        var escaped = await FaultCampaign.RunAsATestDoesAsync(stack, async s =>
        {
            var loop = await s.LoopAsync(Size.FromMiB(4));
            await s.LinearAsync(s.Admit(loop));
        });

        var teardown = escaped.Should().BeOfType<StackTeardownException>().Subject;
        teardown.SetUpFailure.Should().BeSameAs(original);
        teardown.InnerException.Should().BeSameAs(original);
        teardown.Message.Should().StartWith($"The stack's set-up failed first: InjectedFaultException: {original.Message}");
        teardown.Failures.Should().ContainSingle().Which.Step.Should().Be("a step of the test's own that fails");
        (await RunJanitor.FindLeftoversAsync(stack.Run.Id, stack.Run.WorkDirectory)).IsEmpty.Should().BeTrue();
    }
}
