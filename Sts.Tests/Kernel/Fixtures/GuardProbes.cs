using System.Security.Cryptography;
using NUnit.Framework;
using Sts.Core.Host;
using Sts.Core.Units;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Fixtures.Probes;

/// <summary>
/// Tests that must fail: they exist so that <see cref="GuardEndToEndTests"/> can run them in a
/// child <c>dotnet test</c> and check that the guard around destructive tests fails them. They
/// run only there (STS_PROBE=1); anywhere else they are ignored.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class GuardProbes
{
    /// <summary>The text the warning probe writes into the kernel log.</summary>
    public const string Warning = "WARNING: CPU: 0 PID: 4343 at drivers/md/dm-sts-probe.c:1 sts_probe_warning+0x0/0x10";

    public const string Variable = "STS_PROBE";

    [SetUp]
    public void OnlyInsideTheSelfTest()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Assert.Ignore($"a probe that must fail; it runs only in GuardEndToEndTests ({Variable}=1)");
        }
    }

    [Test]
    public void Logs_a_kernel_warning() => KernelLog.Write(Warning, level: 4);

    [Test]
    [TimeLimit(5)]
    public async Task Hangs_on_a_suspended_device()
    {
        await using var stack = new DeviceStack();
        var loop = await stack.LoopAsync(Size.FromMiB(8));
        var linear = await stack.LinearAsync(stack.Admit(loop));
        await linear.SuspendAsync();
        await linear.WriteAsync(Size.Zero, RandomNumberGenerator.GetBytes(4096)); // blocks until the watchdog resumes the device
    }
}
