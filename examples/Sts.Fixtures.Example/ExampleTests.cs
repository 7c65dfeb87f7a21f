using NUnit.Framework;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;

namespace Sts.Fixtures.Example;

/// <summary>What a user's test assembly gets from Sts.Fixtures with one assembly attribute.</summary>
public sealed class ExampleTests
{
    /// <summary>The environment variable that lets <see cref="Leaks_a_loop_device"/> leak (it is run by Sts.Tests as a child run).</summary>
    public const string LeakVariable = "STS_EXAMPLE_LEAK";

    [Test]
    public void The_run_wide_set_up_came_with_the_assembly_attribute()
    {
        Assert.That(StsTestRunAttribute.IsStarted, Is.True, "[assembly: StsTestRun] started the run before the first test");
        Assert.That(Directory.Exists(RunContext.Current.WorkDirectory), Is.True);
    }

    [Test]
    [Destructive]
    [RequiresRoot]
    [RequiresLoopDevices]
    public async Task A_stack_built_here_is_torn_down()
    {
        string path;
        await using (var stack = new DeviceStack())
        {
            var loop = await stack.LoopAsync(Size.FromMiB(4));
            await loop.WriteAsync(Size.Zero, new byte[4096]);
            path = loop.BackingFile;
        }

        Assert.That(File.Exists(path), Is.False, "teardown detached the loop device and deleted its file");
    }

    /// <summary>Leaks a loop device on purpose, so the run's leak check must fail the run (only when <see cref="LeakVariable"/> is 1).</summary>
    [Test]
    [Explicit("A probe: Sts.Tests runs it in a child run and checks that the leak check fails that run.")]
    [Destructive]
    [RequiresRoot]
    [RequiresLoopDevices]
    public async Task Leaks_a_loop_device()
    {
        Assume.That(Environment.GetEnvironmentVariable(LeakVariable), Is.EqualTo("1"));
        var loop = await Sts.Core.Devices.LoopDevice.CreateAsync(Size.FromMiB(4));
        TestContext.Out.WriteLine($"leaked {loop.Path} over {loop.BackingFile}");
    }
}
