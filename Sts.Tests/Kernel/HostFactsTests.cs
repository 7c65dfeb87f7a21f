using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Host;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Kernel;

/// <summary>Host facts on a kernel with device-mapper, checked against the kernel's own lists.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
public sealed class HostFactsTests
{
    [Test]
    public async Task Device_mapper_modules_are_seen_as_loaded_or_available_as_modprobe_sees_them()
    {
        await KernelModules.LoadAsync("dm-mod");
        KernelModules.IsLoaded("dm-mod").Should().BeTrue();
        KernelModules.IsLoaded("dm_mod").Should().BeTrue("'-' and '_' are the same to modprobe");

        var dryRun = await new Command("modprobe").WithArguments("--dry-run", "dm-thin-pool")
            .WithValidation(CommandValidation.None).ExecuteAsync();
        KernelModules.IsAvailable("dm-thin-pool").Should().Be(dryRun.ExitCode == 0);
        KernelModules.IsAvailable("dm-sts-no-such-target").Should().BeFalse();
    }

    [Test]
    public async Task Loading_a_module_makes_its_target_appear_in_the_kernels_target_list()
    {
        await KernelModules.LoadAsync("dm-zero");

        var targets = await new Command("dmsetup").WithArguments("targets").ExecuteAsync();
        targets.OutputLines.Should().Contain(line => line.StartsWith("zero ", StringComparison.Ordinal));
    }

    [Test]
    public async Task Udev_settle_waits_when_udev_runs_and_reports_it()
    {
        var settled = await Udev.SettleAsync(TimeSpan.FromSeconds(60));

        settled.Should().Be(Udev.IsRunning);
        if (HostInfo.IsLabVm)
        {
            settled.Should().BeTrue("the lab VM starts udev");
        }
    }

    [Test]
    public void The_kernel_version_is_read_from_the_running_release()
    {
        var version = HostInfo.KernelVersion;

        HostInfo.KernelRelease.Should().StartWith($"{version.Major}.{version.Minor}");
        TestContext.Out.WriteLine($"kernel under test: {HostInfo.KernelRelease}");
    }
}
