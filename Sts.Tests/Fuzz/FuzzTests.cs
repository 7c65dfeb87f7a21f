using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using NUnit.Framework;
using Sts.Core;

namespace Sts.Tests.Fuzz;

/// <summary>
/// The project's own fuzzing (issue 13): every target of <see cref="FuzzTargets"/> gets its
/// seeds, hostile inputs and then mutants of its seeds for its share of STS_FUZZ_SECONDS
/// (default 90 s in all: the CI pass), each checked by <see cref="FuzzRunner"/>. A finding is
/// minimised, written to STS_FUZZ_FINDINGS (default: the test's work directory, fuzz-findings/)
/// ready to be kept in TestData/fuzz/&lt;target&gt;/, and fails the test with the input.
/// STS_FUZZ_SEED makes a run reproducible (default 13 for CI; nightly runs pass a new one).
/// </summary>
[TestFixture, Category("Fuzz"), NonParallelizable]
public sealed class FuzzTests
{
    private static readonly ConcurrentDictionary<string, (long Inputs, TimeSpan Time)> Figures = new();

    private static double TotalSeconds => (StsEnvironment.FuzzDuration ?? TimeSpan.FromSeconds(90)).TotalSeconds;

    private static int Seed => StsEnvironment.FuzzSeed ?? 13;

    private static IEnumerable<TestCaseData> Targets() =>
        FuzzTargets.All.Select(t => new TestCaseData(t.Name).SetArgDisplayNames(t.Name));

    // Builds the targets (reads every seed file) before the clock of the first target starts.
    [OneTimeSetUp]
    public void BuildTargets() => _ = FuzzTargets.All.Count;

    [TestCaseSource(nameof(Targets))]
    public void Seeds_hostile_inputs_and_mutants_of_captured_output_break_no_property(string name)
    {
        var target = FuzzTargets.Named(name);
        var budget = TimeSpan.FromSeconds(TotalSeconds / FuzzTargets.All.Count);
        var random = new Random(Seed ^ StableHash(name));
        var watch = Stopwatch.StartNew();
        long inputs = 0;

        void Try(string input)
        {
            inputs++;
            if (FuzzRunner.Check(target, input) is { } finding)
            {
                Report(target, input, finding);
            }
        }

        foreach (var seed in target.Seeds)
        {
            Try(seed);
        }

        foreach (var hostile in Mutator.Hostile(target.Seeds))
        {
            Try(hostile);
        }

        var pool = target.Seeds.Count > 0 ? target.Seeds : [""];
        while (watch.Elapsed < budget)
        {
            Try(Mutator.Mutate(pool[random.Next(pool.Count)], random));
        }

        Figures[name] = (inputs, watch.Elapsed);
        TestContext.Out.WriteLine($"{name}: {inputs} inputs in {watch.Elapsed.TotalSeconds:0.0} s, no finding (seed {Seed})");
    }

    [OneTimeTearDown]
    public void PrintFigures()
    {
        if (Figures.IsEmpty)
        {
            return;
        }

        var lines = Figures.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{f.Key,-40} {f.Value.Inputs,10} {f.Value.Time.TotalSeconds,7:0.0} s").ToList();
        lines.Add($"{"total (" + Figures.Count + " targets)",-40} {Figures.Sum(f => f.Value.Inputs),10} {Figures.Sum(f => f.Value.Time.TotalSeconds),7:0.0} s");
        TestContext.Progress.WriteLine(string.Join('\n', lines));
        if (StsEnvironment.FuzzReport is { } report)
        {
            File.WriteAllLines(report, lines);
        }
    }

    private static void Report(FuzzTarget target, string input, FuzzFinding finding)
    {
        var minimal = FuzzRunner.Minimise(target, input, finding);
        var directory = StsEnvironment.FuzzFindings ?? Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz-findings");
        var file = Path.Combine(directory, target.Name, $"{StableHash(minimal):x8}.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, minimal, new System.Text.UTF8Encoding(false, false)); // a lone surrogate is kept as U+FFFD: the message has it exactly
        Assert.Fail($"{target.Name}: {finding.Kind} for {Mutator.Literal(minimal)} (minimised from {input.Length} chars; kept as {file}; " +
                    $"copy it to Sts.Tests/TestData/fuzz/{target.Name}/ once fixed):\n{FuzzRunner.Check(target, minimal)?.Message ?? finding.Message}");
    }

    // FNV-1a: string.GetHashCode differs per process, and runs must be reproducible from their seed.
    internal static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
