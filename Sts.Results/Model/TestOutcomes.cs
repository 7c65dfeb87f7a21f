using System.Text.RegularExpressions;

namespace Sts.Results.Model;

/// <summary>
/// Names of <see cref="TestOutcome"/> as stored and printed, and the reading of an outcome from
/// what a test framework reports (status and message). The message texts recognised here are the
/// ones Sts.Fixtures writes: "Known kernel|tool issue on …" (KnownIssueAttribute), "Time limit of
/// N s exceeded" (HangWatchdog) and "Kernel health check failed" / KernelHealthException
/// (the guard around destructive tests).
/// </summary>
public static partial class TestOutcomes
{
    /// <summary>True for the outcomes that count as a failure: failed, kernel finding, hang.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>Whether it is a failure.</returns>
    public static bool IsFailure(this TestOutcome outcome) =>
        outcome is TestOutcome.Failed or TestOutcome.KernelFinding or TestOutcome.Hang;

    /// <summary>The stored and printed name: "passed", "failed", "skipped", "known-issue", "kernel-finding", "hang".</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>Its name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined outcome.</exception>
    public static string Name(this TestOutcome outcome) => outcome switch
    {
        TestOutcome.Passed => "passed",
        TestOutcome.Failed => "failed",
        TestOutcome.Skipped => "skipped",
        TestOutcome.KnownIssue => "known-issue",
        TestOutcome.KernelFinding => "kernel-finding",
        TestOutcome.Hang => "hang",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a test outcome"),
    };

    /// <summary>Reads a name written by <see cref="Name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="FormatException">Not an outcome's name.</exception>
    public static TestOutcome Parse(string name)
    {
        foreach (var outcome in Enum.GetValues<TestOutcome>())
        {
            if (outcome.Name() == name)
            {
                return outcome;
            }
        }

        throw new FormatException($"'{name}' is not a test outcome (passed, failed, skipped, known-issue, kernel-finding, hang).");
    }

    /// <summary>
    /// The outcome of a test that failed with <paramref name="message"/>: a hang when the time
    /// limit was exceeded, a kernel finding when the kernel-health check failed, else failed.
    /// </summary>
    /// <param name="message">The failure message (may be empty).</param>
    /// <returns>The outcome.</returns>
    public static TestOutcome OfFailure(string? message)
    {
        message ??= string.Empty;
        if (HangPattern().IsMatch(message))
        {
            return TestOutcome.Hang;
        }

        return message.Contains("KernelHealthException", StringComparison.Ordinal)
            || message.Contains("Kernel health check failed", StringComparison.Ordinal)
            ? TestOutcome.KernelFinding
            : TestOutcome.Failed;
    }

    /// <summary>
    /// The outcome of a test that did not pass or fail (NUnit Inconclusive, Skipped, Ignored;
    /// trx NotExecuted): a known issue when the message says so, else skipped.
    /// </summary>
    /// <param name="message">The reason given (may be empty).</param>
    /// <returns>The outcome.</returns>
    public static TestOutcome OfNotRun(string? message) =>
        KnownIssuePattern().IsMatch(message ?? string.Empty) ? TestOutcome.KnownIssue : TestOutcome.Skipped;

    [GeneratedRegex(@"Time limit of \d+ s exceeded")]
    private static partial Regex HangPattern();

    [GeneratedRegex(@"^Known (kernel|tool) issue on ", RegexOptions.Multiline)]
    private static partial Regex KnownIssuePattern();
}
