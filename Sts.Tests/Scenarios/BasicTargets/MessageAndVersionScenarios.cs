using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Units;
using Sts.Dm.Errors;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.BasicTargets;

/// <summary>Catalog scenarios 10 and 12: messages to targets that take none, and the kernel's target versions.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class MessageAndVersionScenarios
{
    // Every target the scenario suites build tables with; dust is optional (absent from Debian's 6.1).
    private static readonly string[] SuiteTargets =
    [
        "linear", "striped", "zero", "error", "delay", "flakey", "thin-pool", "thin", "cache", "era",
        "snapshot", "snapshot-origin", "snapshot-merge",
    ];

    [Test]
    [Scenario(10)]
    public async Task A_message_to_a_target_that_takes_none_fails_with_EINVAL_and_leaves_the_device_working()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var loop = await stack.LoopAsync(Size.FromMiB(8), cancellationToken: ct);
        var devices = new[]
        {
            await stack.LinearAsync(stack.Admit(loop), cancellationToken: ct),
            await stack.ZeroAsync(Size.FromMiB(8), ct),
            await stack.ErrorAsync(Size.FromMiB(8), ct),
        };

        foreach (var device in devices)
        {
            var targetType = device.Table.Lines[0].Target.TargetType;
            var refused = (await FluentActions.Awaiting(() => device.MessageAsync("hello", cancellationToken: ct))
                .Should().ThrowAsync<DmMessageRefusedException>($"{targetType} takes no messages")).Which;
            refused.Errno.Should().Be(Errno.EINVAL);
            refused.TargetType.Should().Be(targetType);

            var info = await device.InfoAsync(ct);
            info.LiveTablePresent.Should().BeTrue();
            info.Suspended.Should().BeFalse();
            (await device.TableAsync(cancellationToken: ct)).Should().Be(device.Table, "the refused message changed nothing");
        }

        var data = Pattern(4096);
        await devices[0].WriteAsync(Size.FromMiB(1), data, ct);
        loop.FlushBuffers();
        (await loop.ReadAsync(Size.FromMiB(1), data.Length, ct)).Should().Equal(data, "the linear device still does I/O");
    }

    [Test]
    [Scenario(12)]
    public async Task The_kernel_lists_a_version_for_every_target_the_suite_uses_and_answers_for_one_target()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();

        var driver = await stack.Backend.GetDriverVersionAsync(ct);
        var targets = await stack.Backend.ListTargetVersionsAsync(ct);
        var thinPool = await stack.Backend.GetTargetVersionAsync("thin-pool", ct);

        TestContext.Out.WriteLine($"device-mapper {driver}; targets: {string.Join(", ", targets.Select(t => $"{t.Name} {t.Version}"))}");
        driver.Major.Should().Be(4, "the ioctl interface is version 4");
        targets.Select(t => t.Name).Should().Contain(SuiteTargets);
        targets.Should().OnlyHaveUniqueItems(t => t.Name);
        targets.Should().OnlyContain(t => t.Version.Major >= 1, "every registered target reports a version");
        thinPool.Should().NotBeNull().And.Be(targets.Single(t => t.Name == "thin-pool"), "one target's version matches the list");
        (await stack.Backend.GetTargetVersionAsync("sts-no-such-target", ct)).Should().BeNull();
    }
}
