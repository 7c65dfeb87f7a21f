using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Runs;
using Sts.Core.Safety;

namespace Sts.Tests.Unit.Safety;

/// <summary>The guard on files (devices are covered on the real kernel in Kernel/Fixtures).</summary>
[NonParallelizable]
public sealed class DeviceGuardTests
{
    private string _base = null!;
    private RunContext _run = null!;

    [SetUp]
    public void CreateRun()
    {
        _base = Path.Combine(Path.GetTempPath(), $"sts-guard-test-{Guid.NewGuid():N}");
        _run = RunContext.Create(_base);
    }

    [TearDown]
    public void RemoveRun() => Directory.Delete(_base, recursive: true);

    [Test]
    public void A_file_in_the_run_directory_may_be_destroyed()
    {
        var file = Path.Combine(_run.WorkDirectory, "meta.bin");
        File.WriteAllBytes(file, new byte[16]);

        DeviceGuard.WhyNot(file, _run).Should().BeNull();
        var act = () => DeviceGuard.EnsureMayDestroy(file, _run);
        act.Should().NotThrow();
    }

    [Test]
    public void A_file_elsewhere_is_refused_even_through_a_symlink_in_the_run_directory()
    {
        var outside = Path.Combine(_base, "not-the-run.bin");
        File.WriteAllBytes(outside, new byte[16]);
        var link = Path.Combine(_run.WorkDirectory, "link.bin");
        File.CreateSymbolicLink(link, outside);

        DeviceGuard.WhyNot(outside, _run).Should().Contain("outside the run's directory");
        var act = () => DeviceGuard.EnsureMayDestroy(link, _run);
        act.Should().Throw<UnsafeOperationException>().Which.Target.Should().Be(link);
    }

    [Test]
    public void A_path_in_a_sibling_directory_sharing_the_run_directory_as_prefix_is_refused()
    {
        var sibling = _run.WorkDirectory + "-other";
        Directory.CreateDirectory(sibling);
        var file = Path.Combine(sibling, "x.bin");
        File.WriteAllBytes(file, new byte[16]);

        DeviceGuard.WhyNot(file, _run).Should().NotBeNull();
    }

    [Test]
    public void A_missing_path_is_refused()
    {
        DeviceGuard.WhyNot(Path.Combine(_run.WorkDirectory, "absent"), _run).Should().Be("it does not exist");
    }

    [Test]
    public void Test_disks_come_from_the_variable_and_the_config_file_with_comments()
    {
        var file = Path.Combine(_base, "test-disks");
        File.WriteAllLines(file, ["# lab disks", "/dev/sdx  # the spare", "", "/dev/sdy"]);
        var variable = Environment.GetEnvironmentVariable(TestDisks.Variable);
        var fileVariable = Environment.GetEnvironmentVariable(TestDisks.FileVariable);
        try
        {
            Environment.SetEnvironmentVariable(TestDisks.Variable, "/dev/vdx, /dev/vdy");
            Environment.SetEnvironmentVariable(TestDisks.FileVariable, file);

            TestDisks.Configured().Should().Equal("/dev/vdx", "/dev/vdy", "/dev/sdx", "/dev/sdy");
        }
        finally
        {
            Environment.SetEnvironmentVariable(TestDisks.Variable, variable);
            Environment.SetEnvironmentVariable(TestDisks.FileVariable, fileVariable);
        }
    }
}
