using System.CommandLine;
using System.Globalization;
using Sts.Cli.Output;
using Sts.Results.Analysis;

namespace Sts.Cli.Commands;

/// <summary>
/// <c>sts compare BASE NEW [--slower-by PERCENT] [--fail-on-slower] [--format table|markdown]</c>:
/// per test OLD → NEW with the time change; new failures first, then fixed, newly skipped, time
/// regressions, the rest. Exit status 1 when NEW has a new failure (or, with --fail-on-slower, a
/// time regression).
/// </summary>
internal static class CompareCommand
{
    private static readonly (ChangeKind Kind, string Title)[] Sections =
    [
        (ChangeKind.NewFailure, "New failures"),
        (ChangeKind.Fixed, "Fixed"),
        (ChangeKind.NewlySkipped, "Newly skipped"),
        (ChangeKind.Slower, "Slower"),
        (ChangeKind.StillFailing, "Still failing"),
        (ChangeKind.OtherChange, "Other changes"),
        (ChangeKind.Added, "Only in the new run"),
        (ChangeKind.Removed, "Only in the base run"),
    ];

    public static Command Create(CliContext context)
    {
        var baseRun = new Argument<string>("BASE") { Description = "The base run (id, unique id prefix, result set or 'latest')" };
        var newRun = new Argument<string>("NEW") { Description = "The new run" };
        var slowerBy = new Option<int>("--slower-by")
        {
            Description = $"A passing test that takes this many percent longer (and at least {RunComparison.MinimumSlowdown.TotalSeconds:0} s longer) is a time regression",
            DefaultValueFactory = _ => 50,
        };
        var failOnSlower = new Option<bool>("--fail-on-slower") { Description = "Exit 1 on time regressions too" };
        var format = new Option<string>("--format") { Description = "table (the default) or markdown", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "markdown");
        var command = new Command("compare", "Compare two runs test by test; exit 1 when NEW has regressions.") { baseRun, newRun, slowerBy, failOnSlower, format };
        command.SetAction(parse =>
        {
            if (parse.GetValue(slowerBy) < 0)
            {
                throw new UsageException("--slower-by must not be negative");
            }

            using var store = context.OpenStore(parse);
            var old = store.FindRun(parse.GetRequiredValue(baseRun));
            var current = store.FindRun(parse.GetRequiredValue(newRun));
            var report = context.Report(parse.GetValue(format) == "markdown" ? OutputFormat.Markdown : null);
            var comparison = context.Report().Progress($"Comparing {old.Id} with {current.Id}",
                () => RunComparison.Compare(old, store.Results(old.Id), current, store.Results(current.Id), parse.GetValue(slowerBy) / 100.0));
            Write(report, comparison);
            var regressed = comparison.HasNewFailures || (parse.GetValue(failOnSlower) && comparison.HasSlowdowns);
            return regressed ? ExitCodes.Regressions : ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(Report report, RunComparison comparison)
    {
        if (report.Format == OutputFormat.Markdown)
        {
            report.Line($"## Sts: {comparison.Base.ResultSet} ({comparison.Base.Id}) → {comparison.New.ResultSet} ({comparison.New.Id})");
            report.Line();
        }

        report.Line("base: " + Text.Describe(comparison.Base));
        report.Line("new:  " + Text.Describe(comparison.New));
        foreach (var (kind, title) in Sections)
        {
            var changes = comparison.Changes.Where(c => c.Kind == kind).ToList();
            if (changes.Count == 0)
            {
                continue;
            }

            report.Heading($"{title} ({changes.Count})");
            report.Table(["test", "old → new", "time", "change", "message"], changes.Select(c => (IReadOnlyList<string>)[
                c.Test,
                $"{Text.Outcome(c.Old)} → {Text.Outcome(c.New)}",
                c.Old is not null && c.New is not null ? $"{Text.Seconds(c.Old.Duration)} → {Text.Seconds(c.New.Duration)}"
                    : Text.Seconds((c.New ?? c.Old)!.Duration),
                Text.Change(c.TimeChange, c.Old?.Duration ?? TimeSpan.Zero),
                Text.FirstLine(c.New?.Outcome is { } o && o != Results.Model.TestOutcome.Passed ? c.New.Message : null)]));
        }

        var count = (ChangeKind kind) => comparison.Changes.Count(c => c.Kind == kind).ToString(CultureInfo.InvariantCulture);
        report.Line();
        report.Line($"{(comparison.HasNewFailures ? "REGRESSION: " : string.Empty)}{count(ChangeKind.NewFailure)} new failures, {count(ChangeKind.Fixed)} fixed, "
            + $"{count(ChangeKind.NewlySkipped)} newly skipped, {count(ChangeKind.Slower)} slower (> {comparison.SlowerBy * 100:0} %), "
            + $"{count(ChangeKind.StillFailing)} still failing, {comparison.Unchanged} unchanged");
    }
}
