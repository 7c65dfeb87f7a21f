namespace Sts.Core.Commands;

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
