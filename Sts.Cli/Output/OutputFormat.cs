namespace Sts.Cli.Output;

/// <summary>How a report is written.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned plain text (no terminal attached).</summary>
    Plain,

    /// <summary>Tables and colour (a terminal is attached).</summary>
    Terminal,

    /// <summary>Markdown, to paste into a mail or a ticket.</summary>
    Markdown,
}
