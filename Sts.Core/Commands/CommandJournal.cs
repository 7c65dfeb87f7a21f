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

/// <summary>
/// The last commands this process ran through <see cref="LocalCommandExecutor"/>, with the start
/// of their output: what a failure report attaches ("the commands the test ran"). Bounded: the
/// oldest entries are dropped past <see cref="Capacity"/>. Thread-safe.
/// </summary>
public static class CommandJournal
{
    /// <summary>How many entries are kept.</summary>
    public const int Capacity = 2000;

    /// <summary>How many characters of each output stream are kept.</summary>
    public const int OutputExcerpt = 4000;

    private static readonly Queue<CommandJournalEntry> Entries = new();
    private static readonly Lock Gate = new();
    private static long _next;

    /// <summary>The position the next entry will get: remember it before a test, read <see cref="Since"/> after.</summary>
    public static long Position
    {
        get
        {
            lock (Gate)
            {
                return _next;
            }
        }
    }

    /// <summary>The entries at or after a position, oldest first.</summary>
    /// <param name="position">A value <see cref="Position"/> returned earlier.</param>
    /// <returns>The entries still kept.</returns>
    public static IReadOnlyList<CommandJournalEntry> Since(long position)
    {
        lock (Gate)
        {
            return Entries.Where(entry => entry.Position >= position).ToList();
        }
    }

    internal static void Record(Command command, DateTimeOffset started, TimeSpan duration, int? exitCode, string stdout, string stderr)
    {
        lock (Gate)
        {
            Entries.Enqueue(new CommandJournalEntry(_next++, started, duration, command.ToString(), exitCode,
                CommandException.Excerpt(stdout, OutputExcerpt), CommandException.Excerpt(stderr, OutputExcerpt)));
            while (Entries.Count > Capacity)
            {
                Entries.Dequeue();
            }
        }
    }
}
