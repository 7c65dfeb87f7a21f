using System.Text;
using System.Text.RegularExpressions;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Sts.Cli.Output;

/// <summary>Writes headings, lines and tables as plain text, as Spectre.Console tables with colour, or as Markdown.</summary>
internal sealed partial class Report
{
    private readonly TextWriter _output;
    private readonly IAnsiConsole? _console;

    public Report(TextWriter output, OutputFormat format)
    {
        _output = output;
        Format = format;
        if (format == OutputFormat.Terminal)
        {
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
            });
        }
    }

    public OutputFormat Format { get; }

    /// <summary>Runs <paramref name="work"/> under a spinner saying what it does when a terminal is attached; else just runs it.</summary>
    public T Progress<T>(string what, Func<T> work)
    {
        if (_console is null)
        {
            return work();
        }

        return _console.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(what), _ => work());
    }

    public void Heading(string text)
    {
        switch (Format)
        {
            case OutputFormat.Markdown:
                _output.WriteLine($"\n### {text}\n");
                break;
            case OutputFormat.Terminal:
                _console!.WriteLine();
                _console!.MarkupLine($"[bold]{Markup.Escape(text)}[/]");
                break;
            default:
                _output.WriteLine();
                _output.WriteLine(text);
                break;
        }
    }

    public void Line(string text = "")
    {
        if (_console is not null)
        {
            _console.MarkupLine(Colour(Markup.Escape(text)));
        }
        else
        {
            _output.WriteLine(text);
        }
    }

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        switch (Format)
        {
            case OutputFormat.Markdown:
                _output.WriteLine("| " + string.Join(" | ", headers) + " |");
                _output.WriteLine("|" + string.Concat(headers.Select(_ => "---|")));
                foreach (var row in all)
                {
                    _output.WriteLine("| " + string.Join(" | ", row.Select(MarkdownCell)) + " |");
                }

                break;
            case OutputFormat.Terminal:
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var header in headers)
                {
                    table.AddColumn(new TableColumn(Markup.Escape(header)));
                }

                foreach (var row in all)
                {
                    table.AddRow(row.Select(cell => (IRenderable)new Markup(Colour(Markup.Escape(cell)))).ToArray());
                }

                _console!.Write(table);
                break;
            default:
                var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
                _output.WriteLine(Align(headers, widths));
                foreach (var row in all)
                {
                    _output.WriteLine(Align(row, widths));
                }

                break;
        }
    }

    private static string Align(IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            line.Append(i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        return line.ToString().TrimEnd();
    }

    private static string MarkdownCell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    /// <summary>Colours the outcome names in already escaped markup text.</summary>
    private static string Colour(string markup) => OutcomeWord().Replace(markup, m => m.Value switch
    {
        "passed" or "fixed" => $"[green]{m.Value}[/]",
        "failed" or "kernel-finding" or "hang" or "REGRESSION" => $"[red]{m.Value}[/]",
        "skipped" => $"[yellow]{m.Value}[/]",
        _ => $"[blue]{m.Value}[/]",
    });

    [GeneratedRegex(@"\b(passed|failed|skipped|known-issue|kernel-finding|hang|fixed|REGRESSION)\b")]
    private static partial Regex OutcomeWord();
}
