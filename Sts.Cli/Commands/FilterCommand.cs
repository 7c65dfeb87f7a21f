using System.CommandLine;
using Sts.Results.Analysis;
using Sts.Results.Model;

namespace Sts.Cli.Commands;

/// <summary>
/// <c>sts filter --state STATE RUN</c>: prints a <c>dotnet test --filter</c> expression (as
/// tmt/run-suite --filter takes) selecting the run's tests in that state. Exit 1, printing
/// nothing, when no test is in it.
/// </summary>
internal static class FilterCommand
{
    private static readonly Dictionary<string, Func<TestOutcome, bool>> States = new(StringComparer.Ordinal)
    {
        ["failed"] = o => o.IsFailure(),
        ["not-passed"] = o => o != TestOutcome.Passed,
        ["passed"] = o => o == TestOutcome.Passed,
        ["skipped"] = o => o == TestOutcome.Skipped,
        ["known-issue"] = o => o == TestOutcome.KnownIssue,
        ["kernel-finding"] = o => o == TestOutcome.KernelFinding,
        ["hang"] = o => o == TestOutcome.Hang,
    };

    public static Command Create(CliContext context)
    {
        var run = new Argument<string>("RUN") { Description = "The run (id, unique id prefix, result set or 'latest')" };
        var state = new Option<string>("--state")
        {
            Description = "failed (failed, kernel finding, hang), not-passed, passed, skipped, known-issue, kernel-finding or hang",
            Required = true,
        };
        state.AcceptOnlyFromAmong([.. States.Keys]);
        var command = new Command("filter", "Print a test filter selecting a run's tests by their state, for tmt/run-suite --filter.") { run, state };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var info = store.FindRun(parse.GetRequiredValue(run));
            var wanted = States[parse.GetRequiredValue(state)];
            var tests = store.Results(info.Id).Where(r => wanted(r.Outcome)).Select(r => r.Test).ToList();
            if (tests.Count == 0)
            {
                context.Error.WriteLine($"sts: no test of run {info.Id} is in state '{parse.GetRequiredValue(state)}'");
                return ExitCodes.Regressions;
            }

            context.Output.WriteLine(RerunFilter.For(tests));
            return ExitCodes.Ok;
        });
        return command;
    }
}
