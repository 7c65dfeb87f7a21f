using System.CommandLine;
using Sts.Cli.Output;
using Sts.Results.Store;

namespace Sts.Cli;

/// <summary>What every command shares: where to write, whether a terminal is attached, the --db option.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, bool terminal)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public bool Terminal { get; } = terminal;

    public Option<string?> Database { get; } = new("--db")
    {
        Description = $"The result store (default: ${ResultStoreLocation.Variable}, else $STS_ARTIFACTS/{ResultStoreLocation.FileName}, else artifacts/{ResultStoreLocation.FileName} of the repository)",
        Recursive = true,
    };

    public ResultStore OpenStore(ParseResult parse, bool create = false) =>
        ResultStore.Open(parse.GetValue(Database) ?? ResultStoreLocation.Default, create);

    public Report Report(OutputFormat? format = null) =>
        new(Output, format ?? (Terminal ? OutputFormat.Terminal : OutputFormat.Plain));
}
