using System.CommandLine;
using System.Globalization;
using Sts.Cli.Output;
using Sts.Results.Model;

namespace Sts.Cli.Commands;

/// <summary><c>sts runs [--set NAME] [--last N]</c>: the recorded runs with their totals, oldest first.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var set = new Option<string?>("--set") { Description = "Only this result set's runs" };
        var last = new Option<int?>("--last") { Description = "Only the newest N runs" };
        var command = new Command("runs", "List the recorded runs: result set, kernel, tools, when, totals.") { set, last };
        command.SetAction(parse =>
        {
            if (parse.GetValue(last) is < 1)
            {
                throw new UsageException("--last must be at least 1");
            }

            using var store = context.OpenStore(parse);
            var runs = store.Runs(parse.GetValue(set), parse.GetValue(last));
            var report = context.Report();
            if (runs.Count == 0)
            {
                report.Line($"No runs recorded in {store.Path}.");
                return ExitCodes.Ok;
            }

            report.Table(
                ["run", "result set", "kernel", "started", "tests", "passed", "failed", "skipped", "known", "findings", "hangs", "tools", "state"],
                runs.Select(r => (IReadOnlyList<string>)[
                    r.Run.Id, r.Run.ResultSet, $"{r.Run.KernelRelease} ({r.Run.KernelOrigin})", Text.When(r.Run.Started),
                    Count(r.Total), Count(r.Count(TestOutcome.Passed)), Count(r.Count(TestOutcome.Failed)), Count(r.Count(TestOutcome.Skipped)),
                    Count(r.Count(TestOutcome.KnownIssue)), Count(r.Count(TestOutcome.KernelFinding)), Count(r.Count(TestOutcome.Hang)),
                    r.Run.ToolVersions, r.Finished is null ? "unfinished" : "complete"]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
