using System.CommandLine;
using Sts.Cli.Output;
using Sts.Results.Analysis;
using Sts.Results.Model;

namespace Sts.Cli.Commands;

/// <summary><c>sts flaky [--last N] [--set NAME]</c>: tests whose outcome differs across the last N runs of a result set, with their pass rate.</summary>
internal static class FlakyCommand
{
    public static Command Create(CliContext context)
    {
        var last = new Option<int>("--last") { Description = "How many of the newest runs to look at", DefaultValueFactory = _ => 10 };
        var set = new Option<string?>("--set") { Description = "The result set (default: the newest run's)" };
        var command = new Command("flaky", "List tests whose outcome differs across the last N runs of a result set.") { last, set };
        command.SetAction(parse =>
        {
            if (parse.GetValue(last) < 2)
            {
                throw new UsageException("--last must be at least 2: a single run shows no flakiness");
            }

            using var store = context.OpenStore(parse);
            var name = parse.GetValue(set) ?? store.FindRun("latest").ResultSet;
            var runs = store.Runs(name, parse.GetValue(last));
            if (runs.Count == 0)
            {
                throw new UsageException($"no run of result set '{name}' is recorded (see 'sts runs')");
            }

            var flaky = FlakyTest.Find(runs.Select(r => store.Results(r.Run.Id)));
            var report = context.Report();
            report.Line($"Result set '{name}': {runs.Count} runs ({string.Join(", ", runs.Select(r => r.Run.Id))}), {flaky.Count} flaky tests");
            if (flaky.Count > 0)
            {
                report.Table(["test", "passed", "outcomes (oldest first)"], flaky.Select(f => (IReadOnlyList<string>)[
                    f.Test, $"{f.Passed}/{f.Runs}", string.Join(' ', f.Outcomes.Select(o => o.Name()))]));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
