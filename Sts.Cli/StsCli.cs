using System.CommandLine;
using Sts.Cli.Commands;
using Sts.Results.Import;
using Sts.Results.Store;

namespace Sts.Cli;

/// <summary>
/// <c>sts</c>: reads the Sts result store. Commands: runs, show, compare, log, flaky, filter,
/// import. Exit status: see <see cref="ExitCodes"/>.
/// </summary>
public static class StsCli
{
    /// <summary>Runs one command line.</summary>
    /// <param name="args">The arguments (without the program name).</param>
    /// <param name="output">Where reports go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="terminal">True when <paramref name="output"/> is a terminal: tables and colour instead of plain text.</param>
    /// <returns>The exit status (<see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool terminal = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var context = new CliContext(output, error, terminal);
        var root = new RootCommand("Reads the Sts result store: recorded runs, their comparison, logs, flaky tests, re-run filters.");
        root.Options.Add(context.Database);
        foreach (var command in new[]
        {
            RunsCommand.Create(context), ShowCommand.Create(context), CompareCommand.Create(context), LogCommand.Create(context),
            FlakyCommand.Create(context), FilterCommand.Create(context), ImportCommand.Create(context),
        })
        {
            root.Subcommands.Add(command);
        }

        root.SetAction(new Func<ParseResult, int>(_ => throw new UsageException("no command given (runs, show, compare, log, flaky, filter, import)")));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"sts: {problem.Message}");
            }

            error.WriteLine($"usage: sts {parse.CommandResult.Command.Name switch { "sts" or "" => "COMMAND", var name => name }} ... (see 'sts {(parse.CommandResult.Command == root ? string.Empty : parse.CommandResult.Command.Name + " ")}--help')");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            error.WriteLine($"sts: {ex.Message}");
            error.WriteLine("usage: see 'sts --help'");
            return ExitCodes.Usage;
        }
        catch (RunNotFoundException ex)
        {
            error.WriteLine($"sts: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (ResultStoreException ex)
        {
            error.WriteLine($"sts: {ex.Message}");
            return ExitCodes.Unusable;
        }
        catch (TrxFormatException ex)
        {
            error.WriteLine($"sts: {ex.Message}");
            return ExitCodes.Unusable;
        }
    }
}
