using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Host;

namespace Sts.Tests.Unit.Host;

public sealed class HostInfoTests
{
    [Test]
    public async Task Kernel_release_is_what_uname_reports()
    {
        var uname = await new Command("uname").WithArguments("-r").ExecuteAsync();

        HostInfo.KernelRelease.Should().Be(uname.StandardOutput.Trim());
    }

    [Test]
    public async Task Root_is_what_id_reports()
    {
        var id = await new Command("id").WithArguments("-u").ExecuteAsync();

        HostInfo.IsRoot.Should().Be(id.StandardOutput.Trim() == "0");
    }

    [TestCase("6.1.0-56-amd64", 6, 1, 0)]
    [TestCase("6.18.44-fc-v657", 6, 18, 44)]
    [TestCase("5.14.0-427.el9.x86_64", 5, 14, 0)]
    [TestCase("6.12", 6, 12, 0)]
    public void Kernel_version_is_the_leading_numbers_of_the_release(string release, int major, int minor, int patch) =>
        HostInfo.ParseKernelVersion(release).Should().Be(new Version(major, minor, patch));

    [Test]
    public void A_release_without_a_version_is_refused() =>
        FluentActions.Invoking(() => HostInfo.ParseKernelVersion("custom")).Should().Throw<Sts.Core.StsException>();

    [Test]
    public void Tools_are_found_on_path_and_in_sbin_and_missing_ones_are_null()
    {
        Tools.Find("bash").Should().NotBeNull().And.EndWith("/bash");
        Tools.Find("losetup").Should().StartWith("/").And.EndWith("/losetup");
        Tools.Find("sts-no-such-tool").Should().BeNull();
    }

    // Version lines as the tools print them (captured on Debian 12: util-linux 2.38.1, lvm2 2.03.16,
    // thin-provisioning-tools 0.9.0, coreutils 9.1).
    [TestCase("losetup from util-linux 2.38.1\n", "2.38.1")]
    [TestCase("Library version:   1.02.185 (2022-05-18)\nDriver version:    4.47.0\n", "1.02.185")]
    [TestCase("0.9.0\n", "0.9.0")]
    [TestCase("uname (GNU coreutils) 9.1\nCopyright (C) 2022", "9.1")]
    public void Tool_versions_are_read_from_their_output(string output, string expected) =>
        Tools.ParseVersion(output).Should().Be(Version.Parse(expected));

    [Test]
    public async Task A_real_tools_version_is_read()
    {
        var version = await Tools.GetVersionAsync("losetup");

        version.Should().NotBeNull();
        version!.Major.Should().BeGreaterThanOrEqualTo(2);
    }

    [Test]
    public void A_module_the_kernel_does_not_have_is_neither_loaded_nor_available()
    {
        KernelModules.IsLoaded("sts_no_such_module").Should().BeFalse();
        KernelModules.IsAvailable("sts-no-such-module").Should().BeFalse();
    }
}
