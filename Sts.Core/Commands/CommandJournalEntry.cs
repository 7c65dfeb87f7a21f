namespace Sts.Core.Commands;

/// <summary>One command the local executor ran, as the journal keeps it.</summary>
/// <param name="Position">The entry's position in the journal; later entries have larger positions.</param>
/// <param name="Started">When the command started.</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="CommandLine">The command line, quoted for a shell reader (it was run as an argv).</param>
/// <param name="ExitCode">The exit status; null when it timed out or was cancelled.</param>
/// <param name="StandardOutput">The start of its standard output.</param>
/// <param name="StandardError">The start of its standard error.</param>
public sealed record CommandJournalEntry(
    long Position,
    DateTimeOffset Started,
    TimeSpan Duration,
    string CommandLine,
    int? ExitCode,
    string StandardOutput,
    string StandardError)
{
    /// <summary>The entry as a failure report shows it: the command, its status and its output.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var status = ExitCode is { } code ? $"exit {code}" : "killed (timeout or cancel)";
        var text = $"$ {CommandLine}    # {status}, {Duration.TotalMilliseconds:0} ms\n";
        if (StandardOutput.Length > 0)
        {
            text += StandardOutput.TrimEnd('\n') + "\n";
        }

        if (StandardError.Length > 0)
        {
            text += "stderr: " + StandardError.TrimEnd('\n') + "\n";
        }

        return text;
    }
}
