namespace Sts.Results.Model;

/// <summary>A run with its totals, as <c>sts runs</c> lists it.</summary>
/// <param name="Run">The run.</param>
/// <param name="Finished">When the run ended, or null when it never said so (killed, still running).</param>
/// <param name="Counts">How many of its tests ended in each outcome.</param>
public sealed record RunSummary(RunInfo Run, DateTimeOffset? Finished, IReadOnlyDictionary<TestOutcome, int> Counts)
{
    /// <summary>The number of tests recorded.</summary>
    public int Total => Counts.Values.Sum();

    /// <summary>How many ended in <paramref name="outcome"/>.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The count (0 when none).</returns>
    public int Count(TestOutcome outcome) => Counts.TryGetValue(outcome, out var n) ? n : 0;
}
