using System.CommandLine;
using Sts.Cli.Output;
using Sts.Results.Model;

namespace Sts.Cli.Commands;

/// <summary><c>sts log TEST [--run RUN]</c>: the stored log, kernel-log excerpt and diagnostics of one result.</summary>
internal static class LogCommand
{
    public static Command Create(CliContext context)
    {
        var test = new Argument<string>("TEST") { Description = "The test's full name, or a part of it that names one test" };
        var run = new Option<string?>("--run") { Description = "The run (default: the newest run that has the test)" };
        var command = new Command("log", "Print one result's stored log, kernel-log excerpt and diagnostics.") { test, run };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var runId = parse.GetValue(run) is { } reference ? store.FindRun(reference).Id : null;
            var text = parse.GetRequiredValue(test);
            var names = store.FindTests(text, runId);
            var name = names.Contains(text, StringComparer.Ordinal) ? text
                : names.Count == 1 ? names[0]
                : throw new UsageException(names.Count == 0
                    ? $"no recorded test matches '{text}'{(runId is null ? string.Empty : $" in run {runId}")}"
                    : $"'{text}' matches {names.Count} tests; give more of the name:\n  " + string.Join("\n  ", names.Take(10)) + (names.Count > 10 ? "\n  …" : string.Empty));
            runId ??= store.LatestRunOf(name)!;
            var record = store.Result(runId, name)!;
            var output = context.Output;
            output.WriteLine($"{record.Test}");
            output.WriteLine($"run {runId}: {record.Outcome.Name()} in {Text.Seconds(record.Duration)}, started {Text.When(record.Started)}");
            Section(output, "message", record.Message);
            Section(output, "log", record.Log);
            Section(output, "kernel log", record.KernelLog);
            Section(output, "diagnostics", record.Diagnostics);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Section(TextWriter output, string title, string? text)
    {
        output.WriteLine();
        output.WriteLine($"--- {title} ---");
        output.WriteLine(string.IsNullOrEmpty(text) ? "(none recorded)" : text.TrimEnd('\n'));
    }
}
