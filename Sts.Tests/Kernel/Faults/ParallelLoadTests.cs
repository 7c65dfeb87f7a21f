using System.Collections.Concurrent;
using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using Sts.Tests.Kernel.Backends;

namespace Sts.Tests.Kernel.Faults;

/// <summary>
/// Load: 8 stacks (a loop device and a linear device over it) built and torn down in parallel,
/// round after round, on each backend: no name or node collides, nothing fails, nothing leaks.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[TestFixture("ioctl")]
[TestFixture("dmsetup")]
public sealed class ParallelLoadTests(string backendName)
{
    private const int Stacks = 8;

    [Test]
    public async Task Eight_stacks_in_parallel_round_after_round_collide_nowhere_and_leak_nothing()
    {
        var rounds = FaultCampaign.Full ? 20 : 5;
        var clock = Stopwatch.StartNew();
        using var backend = TestBackends.Open(backendName);
        await using var campaign = await FaultCampaign.StartAsync(backend);
        var names = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var collisions = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var nodes = new ConcurrentBag<string>();
            var arrived = 0;
            var allBuilt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Task.WhenAll(Enumerable.Range(0, Stacks).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await using var stack = new DeviceStack(backend, campaign.Run);
                    try
                    {
                        var loop = await stack.LoopAsync(Size.FromMiB(4));
                        var linear = await stack.LinearAsync(stack.Admit(loop));
                        names.Add(linear.Name);
                        nodes.Add(loop.Path);
                        nodes.Add((await linear.InfoAsync()).KernelName);
                    }
                    finally
                    {
                        // all eight are live at once before any is torn down: their nodes must all differ
                        if (Interlocked.Increment(ref arrived) == Stacks)
                        {
                            allBuilt.SetResult();
                        }

                        await allBuilt.Task.WaitAsync(TimeSpan.FromMinutes(2));
                    }
                }
                catch (Exception ex)
                {
                    if (ex is Sts.Dm.Errors.DmDeviceExistsException)
                    {
                        Interlocked.Increment(ref collisions);
                    }

                    failures.Add($"round {round}: {ex.GetType().Name}: {ex.Message}");
                }
            })));
            collisions += nodes.Count - nodes.Distinct().Count();
            await campaign.SettleAsync($"{backendName}: round of {Stacks} parallel stacks", "clean", null, leftoversAllowed: false);
        }

        collisions += names.Count - names.Distinct().Count();
        TestContext.Out.WriteLine($"Load, {backendName}: {rounds} rounds × {Stacks} stacks in parallel: {names.Count} built, "
            + $"{failures.Count} failed, {collisions} collisions, {campaign.Problems.Count} leaks or problems, {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var failure in failures)
        {
            TestContext.Out.WriteLine($"  {failure}");
        }

        failures.Should().BeEmpty();
        collisions.Should().Be(0);
        names.Should().HaveCount(rounds * Stacks);
        campaign.Problems.Should().BeEmpty();
    }
}
