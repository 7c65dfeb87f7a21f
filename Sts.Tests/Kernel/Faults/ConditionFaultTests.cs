using System.Diagnostics;
using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm.Errors;
using Sts.Dmpd.Tools;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Faults;

/// <summary>
/// Conditions a stack meets on a bad day, one injection point each: a device held open across
/// teardown, a device left suspended with I/O queued, a scratch filesystem too full for a backing
/// file to grow, a metadata checker that dies by a signal. After each: the original failure is
/// what the test reports, nothing leaked (or the leftovers were reported and the reaper removed
/// them), the foreign sentinel is untouched.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("thin_check")]
[NonParallelizable] // sets STS_DMPD_TOOLS for the process
public sealed class ConditionFaultTests
{
    [Test]
    public async Task Held_open_suspended_full_and_crashing_tool_each_report_the_original_and_leave_nothing()
    {
        var clock = Stopwatch.StartNew();
        await using var campaign = await FaultCampaign.StartAsync();
        await HeldOpenThenReleasedAsync(campaign);
        await HeldOpenThroughoutAsync(campaign);
        await SuspendedWithQueuedIoAsync(campaign, "linear");
        await SuspendedWithQueuedIoAsync(campaign, "thin");
        await CrashingCheckerAsync(campaign, "thin", Failing.No);
        await CrashingCheckerAsync(campaign, "cache", Failing.InSetUp);
        await CrashingCheckerAsync(campaign, "era", Failing.InTheTestsOwnCode);
        await ScratchFullAsync(campaign, "linear");
        await ScratchFullAsync(campaign, "thin");
        campaign.Print("Held open, suspended, full, crashing tool", clock.Elapsed);
        campaign.Problems.Should().BeEmpty();
    }

    /// <summary>An O_RDONLY descriptor on the top device, closed a moment after teardown began: the remove's retries outlast it.</summary>
    private static async Task HeldOpenThenReleasedAsync(FaultCampaign campaign)
    {
        Task? release = null;
        var escaped = await FaultCampaign.RunAsATestDoesAsync(new DeviceStack(campaign.Backend, campaign.Run), async stack =>
        {
            var loop = await stack.LoopAsync(Size.FromMiB(8));
            var linear = await stack.LinearAsync(stack.Admit(loop));
            var holder = File.OpenHandle(linear.Path, FileMode.Open, FileAccess.Read);
            release = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                holder.Dispose();
            });
        });
        await release!;
        await campaign.SettleAsync("linear: device held open, released during teardown", "teardown waited, clean", escaped, leftoversAllowed: false,
            escaped is null ? [] : [$"teardown failed: {escaped.Message}"]);
    }

    /// <summary>An O_RDONLY descriptor kept across teardown: the remove fails EBUSY, the report names the device, the reaper removes it once released.</summary>
    private static async Task HeldOpenThroughoutAsync(FaultCampaign campaign)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle? holder = null;
        string? held = null;
        var escaped = await FaultCampaign.RunAsATestDoesAsync(new DeviceStack(campaign.Backend, campaign.Run), async stack =>
        {
            var loop = await stack.LoopAsync(Size.FromMiB(8));
            var linear = await stack.LinearAsync(stack.Admit(loop));
            held = linear.Name;
            holder = File.OpenHandle(linear.Path, FileMode.Open, FileAccess.Read);
        });
        holder!.Dispose();
        var problems = escaped is StackTeardownException teardown
            && teardown.Failures.Any(f => f.Step.Contains(held!, StringComparison.Ordinal) && f.Error is DmDeviceBusyException)
            ? []
            : new[] { $"expected a teardown failure naming {held} busy, got {escaped?.GetType().Name}: {escaped?.Message}" };
        await campaign.SettleAsync("linear: device held open across teardown", "EBUSY reported", escaped, leftoversAllowed: true, problems);
    }

    /// <summary>The test fails while a device is suspended with a write queued on it: the failure is reported, teardown resumes and removes.</summary>
    private static async Task SuspendedWithQueuedIoAsync(FaultCampaign campaign, string kind)
    {
        var injected = new InjectedFaultException($"test body, {kind} device suspended with a write queued");
        Task? write = null;
        var escaped = await FaultCampaign.RunAsATestDoesAsync(new DeviceStack(campaign.Backend, campaign.Run), async stack =>
        {
            BlockDevice top;
            if (kind == "thin")
            {
                var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) });
                var thin = await pool.CreateThinAsync(Size.FromMiB(16));
                await thin.Active.SuspendAsync();
                top = thin.Active;
            }
            else
            {
                var loop = await stack.LoopAsync(Size.FromMiB(8));
                var linear = await stack.LinearAsync(stack.Admit(loop));
                await linear.SuspendAsync();
                top = linear;
            }

            write = top.WriteDirectAsync(Size.Zero, RandomNumberGenerator.GetBytes(4096));
            await Task.Delay(300);
            write.IsCompleted.Should().BeFalse("the device is suspended: the write is queued");
            throw injected;
        });
        var problems = new List<string>();
        if (!ReferenceEquals(escaped, injected))
        {
            problems.Add($"the test reports {escaped?.GetType().Name}: {escaped?.Message}, not its own failure");
        }

        if (write is null || await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(30))) != write)
        {
            problems.Add("the queued write did not complete after teardown");
        }

        await campaign.SettleAsync($"{kind}: device left suspended with a write queued", "original reported, resumed, clean", escaped, leftoversAllowed: false, [.. problems]);
    }

    /// <summary>
    /// thin_check / cache_check / era_check die by SIGSEGV (scripts in a directory STS_DMPD_TOOLS
    /// selects; -V still answers with the real tool's version): the teardown reports the check, every
    /// device is removed, and a test that failed first still reports its own failure.
    /// </summary>
    private enum Failing
    {
        No,
        InSetUp,
        InTheTestsOwnCode,
    }

    private static async Task CrashingCheckerAsync(FaultCampaign campaign, string kind, Failing failing)
    {
        var real = await DmpdToolSet.DetectAsync();
        var tools = Directory.CreateTempSubdirectory("sts-crashing-tools-").FullName;
        var before = Environment.GetEnvironmentVariable(DmpdToolSet.ToolsDirectoryVariable);
        try
        {
            foreach (var tool in new[] { "thin_check", "cache_check", "era_check" })
            {
                var path = Path.Combine(tools, tool);
                await File.WriteAllTextAsync(path,
                    $"#!/bin/sh\ncase \"$1\" in -V|--version) exec '{real.Find(tool) ?? "/bin/false"}' \"$@\";; esac\nkill -SEGV $$\n");
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Environment.SetEnvironmentVariable(DmpdToolSet.ToolsDirectoryVariable, tools);
            var injected = new InjectedFaultException(failing == Failing.InSetUp ? "create zero, after the stack was built" : $"test body, {kind} built");
            var built = false;
            var escaped = await FaultCampaign.RunAsATestDoesAsync(new DeviceStack(campaign.Backend, campaign.Run)
            {
                FaultHook = _ =>
                {
                    if (!built)
                    {
                        return Task.CompletedTask;
                    }

                    built = false; // only the one set-up step after the build fails
                    return Task.FromException(injected);
                },
            }, async stack =>
            {
                await StackKinds.BuildAsync(kind, stack);
                built = failing == Failing.InSetUp;
                if (failing == Failing.InSetUp)
                {
                    await stack.ZeroAsync(Size.FromMiB(1)); // a further set-up step of the stack fails
                }
                else if (failing == Failing.InTheTestsOwnCode)
                {
                    throw injected;
                }
            });
            var problems = new List<string>();
            var outcome = "check failure reported, clean";
            if (failing == Failing.InSetUp && !FaultCampaign.Reports(escaped, injected))
            {
                problems.Add($"the test reports {escaped?.GetType().Name}: {escaped?.Message}, not its own failure");
            }
            else if (failing == Failing.InTheTestsOwnCode && !ReferenceEquals(escaped, injected))
            {
                // open: the stack cannot see an exception of the test's own code, and C# replaces it under await using
                outcome = "KNOWN: the test's own exception replaced by the teardown's under await using";
            }

            if (escaped is not StackTeardownException teardown || !teardown.Failures.Any(f => f.Step.Contains("_check", StringComparison.Ordinal)))
            {
                problems.Add($"the crashed checker is not reported: {escaped?.GetType().Name}: {escaped?.Message}");
            }

            var after = failing switch { Failing.InSetUp => " after a set-up step failed", Failing.InTheTestsOwnCode => " after the test's own code failed", _ => "" };
            await campaign.SettleAsync($"{kind}: metadata checker dies by SIGSEGV{after}", outcome, escaped, leftoversAllowed: false, [.. problems]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DmpdToolSet.ToolsDirectoryVariable, before);
            Directory.Delete(tools, recursive: true);
        }
    }

    /// <summary>
    /// The run's directory on a 3 MiB tmpfs: the sparse backing files cannot grow past it, so a
    /// write of 8 MiB fails. The write's failure is what the test reports; teardown is clean.
    /// </summary>
    private static async Task ScratchFullAsync(FaultCampaign campaign, string kind)
    {
        var mount = Directory.CreateTempSubdirectory("sts-full-").FullName;
        await new Command("mount").WithArguments("-t", "tmpfs", "-o", "size=3m", "tmpfs", mount).ExecuteAsync();
        try
        {
            var run = RunContext.Create(mount);
            Exception? writeFailure = null;
            var escaped = await FaultCampaign.RunAsATestDoesAsync(new DeviceStack(campaign.Backend, run), async stack =>
            {
                BlockDevice top;
                if (kind == "thin")
                {
                    var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) });
                    top = (await pool.CreateThinAsync(Size.FromMiB(16))).Active;
                }
                else
                {
                    top = await stack.LinearAsync(stack.Admit(await stack.LoopAsync(Size.FromMiB(16))));
                }

                try
                {
                    await top.WriteDirectAsync(Size.Zero, RandomNumberGenerator.GetBytes((int)Size.FromMiB(8).Bytes));
                }
                catch (Exception ex)
                {
                    writeFailure = ex;
                    throw;
                }
            });
            var problems = new List<string>();
            if (writeFailure is null)
            {
                problems.Add("the write to a file on a full filesystem succeeded");
            }
            else if (!FaultCampaign.Reports(escaped, writeFailure))
            {
                problems.Add($"the test reports {escaped?.GetType().Name}: {escaped?.Message}, not the failed write");
            }

            var outcome = ReferenceEquals(escaped, writeFailure) ? "write failure reported, clean" : "write failure reported beside a teardown failure";
            var left = await Sts.Fixtures.Runs.RunJanitor.FindLeftoversAsync(run.Id, run.WorkDirectory, campaign.Backend);
            if (!left.IsEmpty)
            {
                problems.Add($"leaked: {left.ToString().ReplaceLineEndings("; ")}");
                await Sts.Fixtures.Runs.RunJanitor.RemoveAsync(left, campaign.Backend);
            }

            if (!run.Complete())
            {
                problems.Add("files of the run were left on the full filesystem");
            }

            await campaign.SettleAsync($"{kind}: scratch filesystem full, backing file cannot grow", outcome, escaped, leftoversAllowed: false, [.. problems]);
        }
        finally
        {
            await new Command("umount").WithArguments(mount).ExecuteAsync();
            Directory.Delete(mount);
        }
    }
}
