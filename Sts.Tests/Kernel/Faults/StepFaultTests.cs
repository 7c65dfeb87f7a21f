using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Faults;

/// <summary>
/// For each stack kind, a failure at each step in turn, of set-up and of teardown: first an
/// exception thrown at step k (through <c>DeviceStack.FaultHook</c>), then the k-th kernel
/// operation failing (through <see cref="FailingBackend"/>: an injected refusal with the errno-typed
/// exception the real backend throws, not a real kernel refusal). After each: the original failure
/// is the one the test reports (a teardown failure only beside it), nothing leaked or half-created
/// (a teardown that could not finish names its leftovers and the reaper removes them), and the
/// foreign sentinel device is untouched.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("thin_check")]
public sealed class StepFaultTests
{
    [TestCaseSource(typeof(StackKinds), nameof(StackKinds.Names))]
    public async Task An_exception_at_each_step_is_the_failure_reported_and_leaves_nothing(string kind)
    {
        var clock = Stopwatch.StartNew();
        await using var campaign = await FaultCampaign.StartAsync();

        // the steps the kind takes, counted on a run without faults
        var steps = new List<string>();
        var setUpSteps = 0;
        var clean = await FaultCampaign.RunAsATestDoesAsync(new DeviceStack(campaign.Backend, campaign.Run)
        {
            FaultHook = step =>
            {
                steps.Add(step);
                return Task.CompletedTask;
            },
        }, async stack =>
        {
            await StackKinds.BuildAsync(kind, stack);
            setUpSteps = steps.Count;
        });
        clean.Should().BeNull("the stack builds and tears down without faults");
        await campaign.SettleAsync($"{kind}: no fault", "clean", null, leftoversAllowed: false);

        foreach (var k in FaultCampaign.Sample(steps.Count))
        {
            var setUp = k <= setUpSteps;
            var injected = new InjectedFaultException(steps[k - 1]);
            var calls = 0;
            var at = k;
            var escaped = await FaultCampaign.RunAsATestDoesAsync(new DeviceStack(campaign.Backend, campaign.Run)
            {
                FaultHook = _ => ++calls == at ? Task.FromException(injected) : Task.CompletedTask,
            }, stack => StackKinds.BuildAsync(kind, stack));
            var point = $"{kind}: exception at {(setUp ? "set-up" : "teardown")} step {k} ({steps[k - 1]})";
            var problems = new List<string>();
            if (setUp ? !ReferenceEquals(escaped, injected) : !FaultCampaign.Reports(escaped, injected))
            {
                problems.Add($"the test reports {escaped?.GetType().Name}: {escaped?.Message}, not the injected fault");
            }

            await campaign.SettleAsync(point, setUp ? "original reported, clean" : "reported in teardown", escaped, leftoversAllowed: !setUp, [.. problems]);
        }

        campaign.Print($"Exception at each step, {kind}", clock.Elapsed);
        campaign.Problems.Should().BeEmpty();
    }

    [TestCaseSource(typeof(StackKinds), nameof(StackKinds.Names))]
    public async Task A_failing_kernel_operation_at_each_step_is_the_failure_reported_and_leaves_nothing(string kind)
    {
        var clock = Stopwatch.StartNew();
        await using var campaign = await FaultCampaign.StartAsync();
        var (counting, counter) = FailingBackend.Wrap(campaign.Backend, failAt: 0);
        var setUpOps = 0;
        var clean = await FaultCampaign.RunAsATestDoesAsync(new DeviceStack(counting, campaign.Run), async stack =>
        {
            await StackKinds.BuildAsync(kind, stack);
            setUpOps = counter.Count;
        });
        clean.Should().BeNull("the stack builds and tears down without faults");
        await campaign.SettleAsync($"{kind}: no fault", "clean", null, leftoversAllowed: false);
        var operations = counter.Operations.ToList();

        foreach (var k in FaultCampaign.Sample(operations.Count))
        {
            var setUp = k <= setUpOps;
            var (failing, control) = FailingBackend.Wrap(campaign.Backend, failAt: k);
            var escaped = await FaultCampaign.RunAsATestDoesAsync(new DeviceStack(failing, campaign.Run), stack => StackKinds.BuildAsync(kind, stack));
            var point = $"{kind}: kernel op {k} fails in {(setUp ? "set-up" : "teardown")} ({operations[k - 1]})";
            var problems = new List<string>();
            string outcome;
            if (control.Thrown is null)
            {
                // the counting run took a retry this one did not (a remove udev briefly held: EBUSY, then again)
                outcome = "not reached (the counting run had retried a busy remove)";
            }
            else if (setUp)
            {
                outcome = "original reported, clean";
                if (!ReferenceEquals(escaped, control.Thrown))
                {
                    problems.Add($"the test reports {escaped?.GetType().Name}: {escaped?.Message}, not the failed {operations[k - 1]}");
                }
            }
            else if (escaped is null)
            {
                outcome = "teardown recovered (retried)"; // e.g. a remove that answered EBUSY once is retried after a resume
            }
            else
            {
                outcome = "reported in teardown";
                if (!FaultCampaign.Reports(escaped, control.Thrown))
                {
                    problems.Add($"the test reports {escaped.GetType().Name}: {escaped.Message}, not the failed {operations[k - 1]}");
                }
            }

            await campaign.SettleAsync(point, outcome, escaped, leftoversAllowed: !setUp, [.. problems]);
        }

        campaign.Print($"Failing kernel operation at each step, {kind}", clock.Elapsed);
        campaign.Problems.Should().BeEmpty();
    }
}
