using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Host;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Unit.Fixtures;

public sealed class RequirementTests
{
    [Test]
    public void A_tool_version_requirement_compares_with_what_the_tool_prints()
    {
        if (Tools.Find("thin_check") is null)
        {
            Assert.Ignore("thin_check is not installed here");
        }

        var installed = Tools.GetVersionAsync("thin_check", "-V").GetAwaiter().GetResult()!;
        new RequiresToolAttribute("thin_check", installed.ToString(), "-V").Unmet().Should().BeNull();
        new RequiresToolAttribute("thin_check", "99.0", "-V").Unmet().Should()
            .Be($"'thin_check' is version {installed}; the test needs at least 99.0");
        new RequiresToolAttribute("sts-no-such-tool").Unmet().Should().Contain("'sts-no-such-tool' is not installed");
    }

    [Test]
    public void A_kernel_version_requirement_compares_with_the_running_kernel()
    {
        new RequiresKernelAttribute("2.6").Unmet().Should().BeNull();
        new RequiresKernelAttribute("99.1").Unmet().Should().Be($"kernel {HostInfo.KernelRelease} is older than 99.1");
    }

    [Test]
    public void A_target_requirement_without_device_mapper_says_why()
    {
        if (HostInfo.IsRoot && HostInfo.HasDeviceMapper)
        {
            new RequiresTargetAttribute("linear").Unmet().Should().BeNull("every kernel with device-mapper has linear");
            new RequiresTargetAttribute("linear", "999.0").Unmet().Should().Contain("the test needs at least 999.0");
            new RequiresTargetAttribute("sts-no-such-target").Unmet().Should().Contain("has no device-mapper target 'sts-no-such-target'");
        }
        else
        {
            new RequiresTargetAttribute("thin-pool").Unmet().Should().StartWith("target 'thin-pool' cannot be queried");
        }
    }
}
