using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Host;
using Sts.Core.Units;
using Sts.Fixtures;
using Sts.Fixtures.Diagnostics;
using Sts.Fixtures.Health;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Fixtures;

/// <summary>The kernel-health check, the hang watchdog and the failure diagnostics, against the real kernel.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class KernelGuardTests
{
    // A line shaped like the kernel's own WARN() output, written through /dev/kmsg: the only way to
    // put a warning into the log on demand without a kernel module. It does not taint the kernel.
    private const string InjectedWarning = "WARNING: CPU: 0 PID: 4242 at drivers/md/dm-sts-injected.c:1 sts_injected_warning+0x0/0x10";

    [Test]
    public async Task A_warning_in_the_kernel_log_during_a_test_fails_it_with_the_excerpt()
    {
        DestructiveAttribute.ExpectKernelFinding(InjectedWarning); // this test's own guard must not fail on it
        using var guard = TestGuard.Start("probe-with-warning", TimeSpan.FromMinutes(5));
        KernelLog.Write(InjectedWarning, level: 4);

        var verdict = await guard.FinishAsync(testFailed: false);

        verdict.Failure.Should().NotBeNull().And.Contain("Kernel health check failed").And.Contain(InjectedWarning);
        verdict.Health!.Findings.Should().ContainSingle(r => r.Message == InjectedWarning);
        verdict.Health.Excerpt.Should().Contain(r => r.Message.StartsWith("sts: begin probe-with-warning", StringComparison.Ordinal));
        verdict.Diagnostics.Should().NotBeNull("a failed check attaches the diagnostics").And.Contain("Kernel log since the test began");
    }

    [Test]
    public async Task A_quiet_test_passes_the_kernel_health_check()
    {
        using var guard = TestGuard.Start("probe-quiet", TimeSpan.FromMinutes(5));
        KernelLog.Write("sts-probe: an ordinary line that matches no pattern", level: 6);

        var verdict = await guard.FinishAsync(testFailed: false);

        verdict.HealthNotChecked.Should().BeNull();
        verdict.Health!.IsHealthy.Should().BeTrue(verdict.Health.Describe());
        verdict.Failure.Should().BeNull();
        verdict.Diagnostics.Should().BeNull("nothing failed, so nothing is collected");
    }

    [Test]
    public async Task A_hang_on_a_suspended_device_is_caught_with_blocked_tasks_then_resumed_and_torn_down()
    {
        var names = new List<string>();
        await using (var stack = new DeviceStack())
        {
            var loop = await stack.LoopAsync(Size.FromMiB(8));
            var linear = await stack.LinearAsync(stack.Admit(loop));
            names.Add(linear.Name);
            await linear.SuspendAsync();
            using var watchdog = HangWatchdog.Start(TimeSpan.FromSeconds(3), "probe-hang");
            var stuck = Task.Run(() => linear.WriteAsync(Size.Zero, new byte[4096]));

            var finished = await Task.WhenAny(stuck, Task.Delay(TimeSpan.FromSeconds(90)));

            finished.Should().Be(stuck, "the watchdog resumed the device, so the stuck write completed");
            await stuck;
            await watchdog.Completion;
            watchdog.HasFired.Should().BeTrue();
            watchdog.Token.IsCancellationRequested.Should().BeTrue();
            watchdog.Evidence.Should().Contain("Time limit of 3 s exceeded by probe-hang")
                .And.Contain("Show Blocked State", "sysrq-w output is in the evidence")
                .And.Contain(linear.Name, "the dm state lists the stack's device")
                .And.Contain($"Resumed suspended device {linear.Name}");
            (await linear.InfoAsync()).Suspended.Should().BeFalse();
        }

        var present = (await StackBackend.Shared.ListAsync()).Select(d => d.Name);
        present.Should().NotContain(names);
    }

    [Test]
    public async Task Diagnostics_show_info_tables_and_status_of_the_run_devices()
    {
        await using var stack = new DeviceStack();
        var loop = await stack.LoopAsync(Size.FromMiB(8));
        var linear = await stack.LinearAsync(stack.Admit(loop));
        await linear.LoadAsync(linear.Table); // an inactive table, so both slots show

        var text = await StackDiagnostics.CollectAsync();

        text.Should().Contain($"== {linear.Name}")
            .And.Contain($"0 {loop.SizeInSectors} linear {loop.DeviceNumber} 0", "the live table")
            .And.Contain("-- table (inactive)")
            .And.Contain("InactiveTablePresent = True")
            .And.Contain("dmsetup ls --tree").And.Contain(loop.Path);
    }
}
