using Sts.Results.Model;

namespace Sts.Results.Analysis;

/// <summary>A test whose outcome differed across the runs looked at.</summary>
/// <param name="Test">The test's full name.</param>
/// <param name="Outcomes">Its outcome in each run that has it, oldest first.</param>
public sealed record FlakyTest(string Test, IReadOnlyList<TestOutcome> Outcomes)
{
    /// <summary>How many of those runs it passed in.</summary>
    public int Passed => Outcomes.Count(o => o == TestOutcome.Passed);

    /// <summary>How many runs have it.</summary>
    public int Runs => Outcomes.Count;

    /// <summary>Finds the tests whose outcome differs across <paramref name="runs"/>, most unstable (lowest pass rate) first.</summary>
    /// <param name="runs">Each run's results, oldest first.</param>
    /// <returns>The flaky tests.</returns>
    public static IReadOnlyList<FlakyTest> Find(IEnumerable<IReadOnlyList<TestRecord>> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var history = new Dictionary<string, List<TestOutcome>>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var record in run)
            {
                (history.TryGetValue(record.Test, out var list) ? list : history[record.Test] = []).Add(record.Outcome);
            }
        }

        return [.. history.Where(h => h.Value.Distinct().Count() > 1)
            .Select(h => new FlakyTest(h.Key, h.Value))
            .OrderBy(f => (double)f.Passed / f.Runs).ThenBy(f => f.Test, StringComparer.Ordinal)];
    }
}
