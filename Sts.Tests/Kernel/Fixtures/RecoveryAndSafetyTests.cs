using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Safety;
using Sts.Core.Units;
using Sts.Dm.Tables;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Runs;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Fixtures;

/// <summary>Leak detection, reaping after a killed run, and the refusal to touch what the run did not create.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class RecoveryAndSafetyTests
{
    [Test]
    public async Task A_device_created_outside_any_stack_is_found_as_a_leak_by_name_and_removed()
    {
        var run = RunContext.Current;
        var name = run.NewName("leak");
        await StackBackend.Shared.CreateAsync(name, DmTable.OneLine(Sectors.FromCount(2048), new ZeroTarget()));
        try
        {
            var leftovers = await RunJanitor.FindLeftoversAsync(run.Id, run.WorkDirectory);
            leftovers.DmDevices.Should().Contain(name);
            leftovers.ToString().Should().Contain(name);
            await RunJanitor.RemoveAsync(new RunLeftovers(run.Id, [name], []));
            (await StackBackend.Shared.TryGetInfoAsync(name)).Should().BeNull();
        }
        finally
        {
            if (await StackBackend.Shared.TryGetInfoAsync(name) is not null)
            {
                await StackBackend.Shared.RemoveAsync(name);
            }
        }
    }

    [Test]
    public async Task A_later_run_reaps_the_leftovers_of_a_killed_run_and_only_those()
    {
        // The "killed run": a process that owns a run directory, a loop device over a file in it and a
        // suspended dm device stacked on that loop, as a run would hold them mid-test.
        await using var owner = await SleepingProcess.RunAsync();
        var dead = RunContext.Create(baseDirectory: null, ownerPid: owner.Pid);
        var loop = await LoopDevice.CreateAsync(Size.FromMiB(4), run: dead);
        var deadDevice = dead.NewName("linear");
        var held = dead.NewName("top");
        await StackBackend.Shared.CreateAsync(deadDevice, DmTable.OneLine(loop.SizeInSectors, new LinearTarget(loop.DeviceNumber, Sectors.Zero)));
        var lower = await StackBackend.Shared.GetInfoAsync(deadDevice);
        await StackBackend.Shared.CreateAsync(held, DmTable.OneLine(loop.SizeInSectors, new LinearTarget(lower.DeviceNumber, Sectors.Zero)));
        await StackBackend.Shared.SuspendAsync(held);

        // This run's own stack, alive throughout: never touched.
        await using var ours = new DeviceStack();
        var mine = await ours.ZeroAsync(Size.FromMiB(1));
        try
        {
            (await RunJanitor.ReapDeadRunsAsync()).Should().NotContain(r => r.RunId == dead.Id, "its owner is still alive");
            (await StackBackend.Shared.TryGetInfoAsync(deadDevice)).Should().NotBeNull();

            await owner.KillAsync();
            var reaped = await RunJanitor.ReapDeadRunsAsync();

            var leftovers = reaped.Should().ContainSingle(r => r.RunId == dead.Id).Subject;
            leftovers.DmDevices.Should().BeEquivalentTo([deadDevice, held]);
            leftovers.LoopDevices.Select(l => l.Path).Should().Equal(loop.Path);
            (await StackBackend.Shared.TryGetInfoAsync(deadDevice)).Should().BeNull();
            (await StackBackend.Shared.TryGetInfoAsync(held)).Should().BeNull("the suspended holder was resumed and removed first");
            (await LoopDevice.ListAsync()).Should().NotContain(l => l.BackingFile.StartsWith(dead.WorkDirectory, StringComparison.Ordinal));
            Directory.Exists(dead.WorkDirectory).Should().BeFalse();
            (await mine.InfoAsync()).Name.Should().Be(mine.Name, "the living run's device is untouched");
            Directory.Exists(RunContext.Current.WorkDirectory).Should().BeTrue();
        }
        finally
        {
            await owner.KillAsync();
            foreach (var name in new[] { held, deadDevice })
            {
                if (await StackBackend.Shared.TryGetInfoAsync(name) is { } info)
                {
                    if (info.Suspended)
                    {
                        await StackBackend.Shared.ResumeAsync(name);
                    }

                    await StackBackend.Shared.RemoveAsync(name, attempts: 5);
                }
            }

            if (loop.IsAttached && (await LoopDevice.ListAsync()).Any(l => l.Path == loop.Path && l.BackingFile.StartsWith(dead.WorkDirectory, StringComparison.Ordinal)))
            {
                await loop.DetachAsync();
            }

            if (Directory.Exists(dead.WorkDirectory))
            {
                Directory.Delete(dead.WorkDirectory, recursive: true);
            }
        }
    }

    [Test]
    public async Task Devices_the_run_did_not_create_are_refused_unless_listed_as_test_disks()
    {
        var foreignFile = Path.Combine(Path.GetTempPath(), $"sts-guard-{Guid.NewGuid():N}.img");
        await using (var stream = File.Create(foreignFile))
        {
            stream.SetLength(Size.FromMiB(4).Bytes);
        }

        var foreignLoop = await LoopDevice.AttachAsync(foreignFile);
        var foreignName = $"stsforeign-{Guid.NewGuid():N}"[..24];
        await StackBackend.Shared.CreateAsync(foreignName, DmTable.OneLine(Sectors.FromCount(2048), new ZeroTarget()));
        var before = Environment.GetEnvironmentVariable(TestDisks.Variable);
        try
        {
            await using var stack = new DeviceStack();
            var own = await stack.LoopAsync(Size.FromMiB(4));
            var ownDm = await stack.LinearAsync(stack.Admit(own));

            DeviceGuard.WhyNot(own.Path).Should().BeNull("the run created this loop device");
            DeviceGuard.WhyNot(ownDm.Path).Should().BeNull("the run created this dm device");
            DeviceGuard.WhyNot(foreignLoop.Path).Should().Contain("not a file of this run");
            var foreignDm = (await StackBackend.Shared.GetInfoAsync(foreignName)).KernelName;
            DeviceGuard.WhyNot($"/dev/{foreignDm}").Should().Contain(foreignName);
            DeviceGuard.WhyNot(foreignFile).Should().Contain("outside the run's directory");
            foreach (var disk in Directory.EnumerateFiles("/dev", "vd?").Concat(Directory.EnumerateFiles("/dev", "sd?")))
            {
                DeviceGuard.WhyNot(disk).Should().NotBeNull($"{disk} is a real disk the run did not create");
            }

            var refused = () => stack.ThinPoolAsync(new ThinPoolOptions { DataDevice = stack.Admit(foreignLoop) });
            (await refused.Should().ThrowAsync<UnsafeOperationException>()).Which.Target.Should().Be(foreignLoop.Path);
            var damage = () => stack.UseTestDisk(foreignLoop.Path);
            damage.Should().Throw<UnsafeOperationException>();

            Environment.SetEnvironmentVariable(TestDisks.Variable, foreignLoop.Path);
            DeviceGuard.WhyNot(foreignLoop.Path).Should().BeNull("the user listed it as a test disk");
            stack.UseTestDisk(foreignLoop.Path).KernelName.Should().Be(foreignLoop.KernelName);
            DeviceGuard.WhyNot($"/dev/{foreignDm}").Should().NotBeNull("only the listed disk is allowed");
        }
        finally
        {
            Environment.SetEnvironmentVariable(TestDisks.Variable, before);
            await StackBackend.Shared.RemoveAsync(foreignName, attempts: 5);
            await foreignLoop.DetachAsync();
            File.Delete(foreignFile);
        }

        File.Exists(foreignFile).Should().BeFalse();
    }
}
