using Sts.Results.Model;

namespace Sts.Results.Analysis;

/// <summary>
/// The per-test differences between a base run and a new run: new failures first, then fixed,
/// newly skipped, slower (a passing test whose time grew by more than <see cref="SlowerBy"/> and
/// by at least <see cref="MinimumSlowdown"/>), then the rest. Unchanged tests are not listed.
/// </summary>
public sealed class RunComparison
{
    private RunComparison(RunInfo @base, RunInfo @new, double slowerBy, IReadOnlyList<TestChange> changes, int unchanged)
    {
        Base = @base;
        New = @new;
        SlowerBy = slowerBy;
        Changes = changes;
        Unchanged = unchanged;
    }

    /// <summary>A slowdown shorter than this is noise, whatever its ratio.</summary>
    public static readonly TimeSpan MinimumSlowdown = TimeSpan.FromSeconds(1);

    /// <summary>The base run.</summary>
    public RunInfo Base { get; }

    /// <summary>The new run.</summary>
    public RunInfo New { get; }

    /// <summary>The relative slowdown that counts, e.g. 0.5 for 50 %.</summary>
    public double SlowerBy { get; }

    /// <summary>The changed tests, in report order (by kind, then by name).</summary>
    public IReadOnlyList<TestChange> Changes { get; }

    /// <summary>How many tests had the same outcome in both runs and are not listed.</summary>
    public int Unchanged { get; }

    /// <summary>True when the new run has a test that passed (or did not fail) in the base run and fails now.</summary>
    public bool HasNewFailures => Changes.Any(c => c.Kind == ChangeKind.NewFailure);

    /// <summary>True when the new run has a time regression.</summary>
    public bool HasSlowdowns => Changes.Any(c => c.Kind == ChangeKind.Slower);

    /// <summary>Compares two runs' results.</summary>
    /// <param name="baseRun">The base run.</param>
    /// <param name="baseResults">Its results.</param>
    /// <param name="newRun">The new run.</param>
    /// <param name="newResults">Its results.</param>
    /// <param name="slowerBy">The relative slowdown that counts as a time regression (0.5 = 50 %).</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slowerBy"/> is negative.</exception>
    public static RunComparison Compare(RunInfo baseRun, IEnumerable<TestRecord> baseResults, RunInfo newRun, IEnumerable<TestRecord> newResults, double slowerBy = 0.5)
    {
        ArgumentNullException.ThrowIfNull(baseResults);
        ArgumentNullException.ThrowIfNull(newResults);
        ArgumentOutOfRangeException.ThrowIfNegative(slowerBy);
        var old = baseResults.ToDictionary(r => r.Test, StringComparer.Ordinal);
        var current = newResults.ToDictionary(r => r.Test, StringComparer.Ordinal);
        var changes = new List<TestChange>();
        var unchanged = 0;
        foreach (var test in old.Keys.Union(current.Keys, StringComparer.Ordinal))
        {
            old.TryGetValue(test, out var o);
            current.TryGetValue(test, out var n);
            if (Classify(o, n, slowerBy) is { } kind)
            {
                changes.Add(new TestChange(test, kind, o, n));
            }
            else
            {
                unchanged++;
            }
        }

        changes.Sort((a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Test, b.Test));
        return new RunComparison(baseRun, newRun, slowerBy, changes, unchanged);
    }

    private static ChangeKind? Classify(TestRecord? old, TestRecord? current, double slowerBy)
    {
        if (old is null)
        {
            return current!.Outcome.IsFailure() ? ChangeKind.NewFailure : ChangeKind.Added;
        }

        if (current is null)
        {
            return ChangeKind.Removed;
        }

        var (was, now) = (old.Outcome, current.Outcome);
        if (now.IsFailure())
        {
            return !was.IsFailure() ? ChangeKind.NewFailure : was == now ? ChangeKind.StillFailing : ChangeKind.OtherChange;
        }

        if (was.IsFailure() && now == TestOutcome.Passed)
        {
            return ChangeKind.Fixed;
        }

        if (now == TestOutcome.Skipped && was != TestOutcome.Skipped)
        {
            return ChangeKind.NewlySkipped;
        }

        if (was != now)
        {
            return ChangeKind.OtherChange;
        }

        var growth = current.Duration - old.Duration;
        return now == TestOutcome.Passed && growth >= MinimumSlowdown && current.Duration.Ticks > old.Duration.Ticks * (1 + slowerBy)
            ? ChangeKind.Slower
            : null;
    }
}
