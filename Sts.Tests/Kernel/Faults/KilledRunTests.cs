using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Runs;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Faults;

/// <summary>
/// SIGKILL at a random point: a child process (<see cref="KilledRunChild"/>) builds and tears down
/// stacks of every kind until it is killed after a random delay; then a new run's reaper removes
/// exactly what the killed run left (what the janitor lists for it just before), while a live
/// foreign run's devices and a sentinel outside every run stay untouched.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("thin_check")]
public sealed class KilledRunTests
{
    [Test]
    public async Task The_next_runs_reaper_removes_exactly_what_a_killed_run_left()
    {
        var clock = Stopwatch.StartNew();
        var kills = FaultCampaign.Full ? 5 : 2;
        var random = new Random();
        var baseDirectory = Directory.CreateTempSubdirectory("sts-killed-").FullName;
        await using var campaign = await FaultCampaign.StartAsync();
        await using var owner = await SleepingProcess.RunAsync();
        var foreignRun = RunContext.Create(baseDirectory, owner.Pid);
        var foreign = new DeviceStack(run: foreignRun);
        try
        {
            var foreignLoop = await foreign.LoopAsync(Size.FromMiB(4));
            var foreignLinear = await foreign.LinearAsync(foreign.Admit(foreignLoop));
            for (var kill = 1; kill <= kills; kill++)
            {
                var ready = Path.Combine(baseDirectory, $"child-{kill}");
                var child = new Command("dotnet")
                    .WithArguments(typeof(KilledRunChild).Assembly.Location, KilledRunChild.Verb, baseDirectory, ready)
                    .WithValidation(CommandValidation.None)
                    .WithTimeout(TimeSpan.FromMinutes(3))
                    .ExecuteAsync();
                var wait = Stopwatch.StartNew();
                while (!File.Exists(ready))
                {
                    child.IsCompleted.Should().BeFalse($"the child started ({(child.IsCompleted ? (await child).StandardError : "")})");
                    wait.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(90), "the child is ready within 90 s");
                    await Task.Delay(50);
                }

                var pid = int.Parse(await File.ReadAllTextAsync(ready), System.Globalization.CultureInfo.InvariantCulture);
                File.Delete(ready);
                var delay = TimeSpan.FromMilliseconds(random.Next(0, 6000));
                await Task.Delay(delay);
                Process.GetProcessById(pid).Kill(); // SIGKILL
                (await child).ExitCode.Should().Be(137, "the child died by SIGKILL");
                await Task.Delay(500); // a losetup or dmsetup the child had started finishes on its own

                var dead = Directory.EnumerateDirectories(baseDirectory).Select(d => RunOwner.Read(d)).Single(o => o?.Pid == pid)!;
                var deadDirectory = Path.Combine(baseDirectory, dead.Id);
                var expected = await RunJanitor.FindLeftoversAsync(dead.Id, deadDirectory, campaign.Backend);
                var problems = new List<string>();
                try
                {
                    var reaped = await RunJanitor.ReapDeadRunsAsync(baseDirectory, campaign.Backend);
                    if (reaped.Count != 1 || reaped[0].RunId != dead.Id)
                    {
                        problems.Add($"reaped runs {string.Join(", ", reaped.Select(r => r.RunId))}, expected only {dead.Id}");
                    }
                    else if (!reaped[0].DmDevices.Order().SequenceEqual(expected.DmDevices.Order())
                        || !reaped[0].LoopDevices.Select(l => l.Path).Order().SequenceEqual(expected.LoopDevices.Select(l => l.Path).Order()))
                    {
                        problems.Add($"reaped {reaped[0]}, but the killed run had left {expected}");
                    }
                }
                catch (Exception ex)
                {
                    problems.Add($"the reaper failed: {ex}");
                }

                var after = await RunJanitor.FindLeftoversAsync(dead.Id, deadDirectory, campaign.Backend);
                if (!after.IsEmpty || Directory.Exists(deadDirectory))
                {
                    problems.Add($"the killed run's leftovers are still there: {after}");
                }

                if (await campaign.Backend.TryGetInfoAsync(foreignLinear.Name) is null || !foreignLoop.IsAttached
                    || !FaultCampaign.LoopBackingFiles().Contains(foreignLoop.BackingFile) || !Directory.Exists(foreignRun.WorkDirectory))
                {
                    problems.Add("the live foreign run's devices were touched");
                }

                await campaign.SettleAsync($"SIGKILL {kill} at a random point (after {delay.TotalMilliseconds:F0} ms)",
                    $"reaped exactly {expected.DmDevices.Count} dm, {expected.LoopDevices.Count} loop", null, leftoversAllowed: false, [.. problems]);
            }
        }
        finally
        {
            await foreign.DisposeAsync();
            foreignRun.Complete();
            Directory.Delete(baseDirectory, recursive: true);
        }

        campaign.Print("SIGKILL of a run building stacks, then the next run's reaper", clock.Elapsed);
        campaign.Problems.Should().BeEmpty();
    }
}
