using System.CommandLine;
using Sts.Cli.Output;
using Sts.Results.Model;

namespace Sts.Cli.Commands;

/// <summary><c>sts show RUN [--all]</c>: one run, grouped by area (namespace), areas with failures first, failures first within an area with their message.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var run = new Argument<string>("RUN") { Description = "A run id (or unique prefix), a result set (its newest run) or 'latest'" };
        var all = new Option<bool>("--all") { Description = "List passed tests too" };
        var command = new Command("show", "Show one run, grouped by area, failures first with their message.") { run, all };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var info = store.FindRun(parse.GetRequiredValue(run));
            var results = store.Results(info.Id);
            var report = context.Report();
            report.Line(Text.Describe(info));
            report.Line(string.Join(", ", Enum.GetValues<TestOutcome>()
                .Select(o => (o, n: results.Count(r => r.Outcome == o))).Where(x => x.n > 0).Select(x => $"{x.n} {x.o.Name()}"))
                + $" ({results.Count} tests, {Text.Seconds(TimeSpan.FromTicks(results.Sum(r => r.Duration.Ticks)))})");
            foreach (var area in results.GroupBy(r => r.Area)
                .OrderByDescending(g => g.Any(r => r.Outcome.IsFailure())).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                var counts = string.Join(", ", area.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}"));
                report.Heading($"{area.Key}: {counts}");
                var listed = area.Where(r => parse.GetValue(all) || r.Outcome != TestOutcome.Passed)
                    .OrderBy(r => Rank(r.Outcome)).ThenBy(r => r.Test, StringComparer.Ordinal).ToList();
                if (listed.Count > 0)
                {
                    report.Table(["outcome", "test", "time", "message"], listed.Select(r => (IReadOnlyList<string>)[
                        r.Outcome.Name(), r.Test.StartsWith(area.Key + ".", StringComparison.Ordinal) ? r.Test[(area.Key.Length + 1)..] : r.Test, Text.Seconds(r.Duration), Text.FirstLine(r.Message)]));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Rank(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Hang => 0,
        TestOutcome.KernelFinding => 1,
        TestOutcome.Failed => 2,
        TestOutcome.KnownIssue => 3,
        TestOutcome.Skipped => 4,
        _ => 5,
    };
}
