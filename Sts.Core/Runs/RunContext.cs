using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Sts.Core.Runs;

/// <summary>
/// One test run's identity and scratch space. Everything the framework creates carries
/// <see cref="Prefix"/> in its name and lives under <see cref="WorkDirectory"/>, so parallel runs
/// never collide and a later run can tell its own leftovers from a dead run's. The directory
/// holds an <c>owner.json</c> naming the process that owns it.
/// </summary>
public sealed class RunContext
{
    /// <summary>Where root's run directories go unless STS_WORK_DIR says otherwise; another user's go to this path with "-&lt;uid&gt;" appended (see <see cref="BaseDirectory"/>).</summary>
    public const string DefaultBaseDirectory = "/var/tmp/sts";

    private const int IdLength = 8;
    private static readonly Lazy<RunContext> CurrentRun = new(() => Create());
    private int _counter;

    private RunContext(string id, string workDirectory)
    {
        Id = id;
        WorkDirectory = workDirectory;
    }

    /// <summary>The run of this process, created on first use.</summary>
    public static RunContext Current => CurrentRun.Value;

    /// <summary>The run's unique id: 8 lowercase hex digits.</summary>
    public string Id { get; }

    /// <summary>The prefix of every device and file name this run creates: "sts-&lt;id&gt;-" (<see cref="PrefixOf"/>).</summary>
    public string Prefix => PrefixOf(Id);

    /// <summary>
    /// The prefix of every device and file name of the run <paramref name="runId"/>: "sts-&lt;id&gt;-".
    /// The one place the prefix is spelt, for this run and for another (a dead run the janitor reaps).
    /// </summary>
    /// <param name="runId">A run id: 8 lowercase hex digits.</param>
    /// <returns>The prefix.</returns>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is not a run id (a wrong id would reach other devices).</exception>
    public static string PrefixOf(string runId)
    {
        if (!IsRunId(runId))
        {
            throw new ArgumentException($"'{runId}' is not a run id: a run id is {IdLength} lowercase hex digits.", nameof(runId));
        }

        return $"sts-{runId}-";
    }

    /// <summary>True when <paramref name="text"/> has the form of a run id: 8 lowercase hex digits.</summary>
    /// <param name="text">The text, e.g. a run directory's name.</param>
    /// <returns>True for a run id.</returns>
    public static bool IsRunId(string? text) =>
        text is { Length: IdLength } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>The run's private directory, created with mode 0700.</summary>
    public string WorkDirectory { get; }

    /// <summary>Creates a new run with its own directory.</summary>
    /// <param name="baseDirectory">The parent directory; null for STS_WORK_DIR or <see cref="DefaultBaseDirectory"/>.</param>
    /// <returns>The run.</returns>
    /// <exception cref="IOException">The directory could not be created.</exception>
    public static RunContext Create(string? baseDirectory = null) => Create(baseDirectory, Environment.ProcessId);

    /// <summary>
    /// The directory run directories go in: STS_WORK_DIR, or per user: <see cref="DefaultBaseDirectory"/>
    /// for root and <c>/var/tmp/sts-&lt;uid&gt;</c> for anyone else, so a user's run never meets a
    /// directory another user (e.g. an earlier root run) created and it cannot write.
    /// </summary>
    public static string BaseDirectory =>
        Path.GetFullPath(StsEnvironment.WorkDirectory ?? DefaultBaseDirectoryFor(Interop.Libc.GetEffectiveUserId()));

    /// <summary>The default base directory of a user (see <see cref="BaseDirectory"/>).</summary>
    /// <param name="uid">The effective user id.</param>
    /// <returns><see cref="DefaultBaseDirectory"/> for root, <c>/var/tmp/sts-&lt;uid&gt;</c> otherwise.</returns>
    public static string DefaultBaseDirectoryFor(uint uid) =>
        uid == 0 ? DefaultBaseDirectory : string.Create(CultureInfo.InvariantCulture, $"{DefaultBaseDirectory}-{uid}");

    /// <summary>Creates a run owned by another process (tests of crash recovery use a process they then kill).</summary>
    internal static RunContext Create(string? baseDirectory, int ownerPid)
    {
        baseDirectory = baseDirectory is null ? BaseDirectory : Path.GetFullPath(baseDirectory);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var directory = Path.Combine(baseDirectory, id);
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var owner = new RunOwner(id, ownerPid, RunOwner.ProcessStartTicks(ownerPid), Environment.MachineName, DateTimeOffset.UtcNow);
        File.WriteAllText(Path.Combine(directory, RunOwner.FileName), JsonSerializer.Serialize(owner));
        return new RunContext(id, directory);
    }

    /// <summary>
    /// A new name, unique within the run: prefix, purpose and a counter ("sts-1a2b3c4d-linear-3").
    /// Thread-safe.
    /// </summary>
    /// <param name="purpose">A short word for what the name is for; letters, digits, '-' and '_' only.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The purpose is empty or has other characters.</exception>
    public string NewName(string purpose)
    {
        if (string.IsNullOrEmpty(purpose) || !purpose.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{purpose}' is not a valid name part: use ASCII letters, digits, '-' and '_'.", nameof(purpose));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{purpose}-{Interlocked.Increment(ref _counter)}");
    }

    /// <summary>
    /// Ends the run: removes its directory when nothing but <c>owner.json</c> and empty folders
    /// is left. A directory that still holds files (a backing file of a device that was not
    /// removed) is kept, so a later run can find and reap the leftovers.
    /// </summary>
    /// <returns>True when the directory was removed.</returns>
    public bool Complete()
    {
        if (!Directory.Exists(WorkDirectory))
        {
            return true;
        }

        var leftovers = Directory.EnumerateFiles(WorkDirectory, "*", SearchOption.AllDirectories)
            .Any(file => Path.GetFileName(file) != RunOwner.FileName || Path.GetDirectoryName(file) != WorkDirectory);
        if (leftovers)
        {
            return false;
        }

        Directory.Delete(WorkDirectory, recursive: true);
        return true;
    }

    /// <summary>True when a name was made by this run.</summary>
    /// <param name="name">A device or file name.</param>
    public bool Owns(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);
}
