using System.Text;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Runs;
using Sts.Dm.Backends;
using Sts.Fixtures.Runs;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Faults;

/// <summary>
/// One campaign of injections: a run of its own (so its leftovers are its alone), a foreign
/// sentinel device, the checks made after every injection, and the table of outcomes.
/// </summary>
internal sealed class FaultCampaign : IAsyncDisposable
{
    private readonly SortedDictionary<string, SortedDictionary<string, int>> _table = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    private FaultCampaign(IDmBackend backend, RunContext run, ForeignSentinel sentinel)
    {
        Backend = backend;
        Run = run;
        Sentinel = sentinel;
    }

    /// <summary>The variable that asks for the full campaign (<see cref="StsEnvironment.FullFaultCampaign"/>).</summary>
    public const string Variable = StsEnvironment.Variables.FaultCampaign;

    /// <summary>True when <see cref="Variable"/> asks for the full campaign.</summary>
    public static bool Full => StsEnvironment.FullFaultCampaign;

    /// <summary>Which half of the steps a CI-sized campaign injects at (0 or 1, new each process, printed): successive runs cover both.</summary>
    public static int Half { get; } = Random.Shared.Next(2);

    /// <summary>The steps 1..<paramref name="count"/> to inject at: all of them in the full campaign, else every other one (<see cref="Half"/>).</summary>
    public static IEnumerable<int> Sample(int count)
    {
        TestContext.Out.WriteLine(Full ? $"{Variable}=full: every step" : $"CI-sized campaign: steps of half {Half} ({Variable}=full for every step)");
        return Enumerable.Range(1, count).Where(k => Full || k % 2 == Half);
    }

    public IDmBackend Backend { get; }

    public RunContext Run { get; }

    public ForeignSentinel Sentinel { get; }

    /// <summary>Problems found so far, one line each ("point: problem").</summary>
    public IReadOnlyList<string> Problems => _problems;

    public static async Task<FaultCampaign> StartAsync(IDmBackend? backend = null, string? baseDirectory = null)
    {
        backend ??= StackBackend.Shared;
        return new FaultCampaign(backend, RunContext.Create(baseDirectory), await ForeignSentinel.CreateAsync(backend));
    }

    /// <summary>Builds and tears down as a test does (<c>await using</c>), and returns the exception that escaped, as the test would report it.</summary>
    public static async Task<Exception?> RunAsATestDoesAsync(DeviceStack stack, Func<DeviceStack, Task> body)
    {
        try
        {
            await using (stack)
            {
                await body(stack);
            }

            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>True when <paramref name="original"/> is what escaped, or is among the reported teardown failures (also wrapped).</summary>
    public static bool Reports(Exception? escaped, Exception original)
    {
        if (ReferenceEquals(escaped, original))
        {
            return true;
        }

        return escaped is StackTeardownException teardown
            && (ReferenceEquals(teardown.SetUpFailure, original) || teardown.Failures.Any(f => Chain(f.Error).Any(e => ReferenceEquals(e, original))));
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }

    /// <summary>
    /// The checks after one injection: nothing leaked (or, when <paramref name="leftoversAllowed"/>,
    /// every leftover named in the report and removed by the reaper), no file of the run left
    /// (nothing half-created), the foreign sentinel untouched. Records the outcome.
    /// </summary>
    public async Task SettleAsync(string point, string outcome, Exception? escaped, bool leftoversAllowed, params string[] problems)
    {
        var found = new List<string>(problems);
        var left = await AnyLeftAsync()
            ? await RunJanitor.FindLeftoversAsync(Run.Id, Run.WorkDirectory, Backend)
            : new RunLeftovers(Run.Id, [], []);
        if (!left.IsEmpty)
        {
            var report = escaped?.ToString() ?? "";
            if (!leftoversAllowed)
            {
                found.Add($"leaked: {left.ToString().ReplaceLineEndings("; ")}");
            }
            else
            {
                found.AddRange(left.DmDevices.Where(d => !report.Contains(d, StringComparison.Ordinal)).Select(d => $"leftover {d} not named in the report"));
                if (left.DmDevices.Count == 0)
                {
                    found.AddRange(left.LoopDevices.Where(l => !report.Contains(l.Path, StringComparison.Ordinal))
                        .Select(l => $"leftover {l.Path} not named in the report"));
                }

                outcome += $"; leftovers reported and reaped: {left.DmDevices.Count} dm, {left.LoopDevices.Count} loop";
            }

            try
            {
                await RunJanitor.RemoveAsync(left, Backend);
            }
            catch (Exception ex)
            {
                found.Add($"the reaper failed: {ex.Message.ReplaceLineEndings(" ")} {string.Join("; ", (ex as AggregateException)?.InnerExceptions.Select(e => e.Message) ?? [])}");
            }

            var again = await RunJanitor.FindLeftoversAsync(Run.Id, Run.WorkDirectory, Backend);
            if (!again.IsEmpty)
            {
                found.Add($"still there after reaping: {again.ToString().ReplaceLineEndings("; ")}");
            }
        }

        var files = Directory.EnumerateFiles(Run.WorkDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != RunOwner.FileName).ToList();
        if (files.Count > 0 && !(leftoversAllowed && !left.IsEmpty))
        {
            found.Add($"half-created: files left {string.Join(", ", files.Select(Path.GetFileName))}");
        }

        files.ForEach(File.Delete);
        if (await Sentinel.CheckAsync() is { } touched)
        {
            found.Add(touched);
        }

        Record(point, found.Count == 0 ? outcome : "FAILED");
        _problems.AddRange(found.Select(p => $"{point}: {p}"));
    }

    /// <summary>
    /// Whether the run has a device-mapper device or a loop device left: the same test as
    /// <see cref="RunJanitor.FindLeftoversAsync"/> makes, read from sysfs instead of losetup,
    /// which costs about a second per call under emulation.
    /// </summary>
    private async Task<bool> AnyLeftAsync()
    {
        if ((await Backend.ListAsync()).Any(d => Run.Owns(d.Name)))
        {
            return true;
        }

        var root = Run.WorkDirectory.TrimEnd('/') + "/";
        return LoopBackingFiles().Any(f => f.StartsWith(root, StringComparison.Ordinal));
    }

    /// <summary>The backing files of the attached loop devices, from sysfs.</summary>
    public static IEnumerable<string> LoopBackingFiles() =>
        Directory.EnumerateDirectories("/sys/block", "loop*")
            .Select(d => Path.Combine(d, "loop", "backing_file"))
            .Where(File.Exists)
            .Select(f => File.ReadAllText(f).TrimEnd('\n'));

    /// <summary>Counts one outcome of an injection point.</summary>
    public void Record(string point, string outcome)
    {
        point = point.Replace(Run.Prefix, "", StringComparison.Ordinal);
        if (!_table.TryGetValue(point, out var outcomes))
        {
            _table[point] = outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        }

        outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
    }

    /// <summary>Prints the table of injection points with outcome counts to the test output.</summary>
    public void Print(string title, TimeSpan elapsed)
    {
        var text = new StringBuilder($"{title}: {_table.Count} injection points, {_problems.Count} problems, {elapsed.TotalSeconds:F1} s\n");
        foreach (var (point, outcomes) in _table)
        {
            text.Append($"  {point,-70} | {string.Join(", ", outcomes.Select(o => $"{o.Key} ×{o.Value}"))}\n");
        }

        foreach (var problem in _problems)
        {
            text.Append($"  PROBLEM {problem}\n");
        }

        TestContext.Out.Write(text.ToString());
    }

    public int Points => _table.Count;

    public async ValueTask DisposeAsync()
    {
        await Sentinel.DisposeAsync();
        if (!Run.Complete())
        {
            Directory.Delete(Run.WorkDirectory, recursive: true);
        }
    }
}
