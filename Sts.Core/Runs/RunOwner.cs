using System.Globalization;
using System.Text.Json;

namespace Sts.Core.Runs;

/// <summary>
/// Who owns a run directory (its <c>owner.json</c>): the process, identified by pid and the
/// kernel's start time of that pid so that a recycled pid is not mistaken for the owner.
/// </summary>
/// <param name="Id">The run id (the directory's name).</param>
/// <param name="Pid">The owning process.</param>
/// <param name="PidStartTicks">The owner's start time in clock ticks since boot (/proc/&lt;pid&gt;/stat field 22); null when unknown.</param>
/// <param name="Host">The machine the run was on.</param>
/// <param name="Created">When the run began.</param>
public sealed record RunOwner(string Id, int Pid, ulong? PidStartTicks, string Host, DateTimeOffset Created)
{
    /// <summary>The owner file's name inside a run directory.</summary>
    public const string FileName = "owner.json";

    /// <summary>
    /// True while the owning process lives. A run of another machine counts as alive (nothing
    /// here can tell), and so does an owner whose start time cannot be compared.
    /// </summary>
    /// <returns>Whether the run may still be using its devices.</returns>
    public bool IsAlive()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
        {
            return true;
        }

        if (!Directory.Exists($"/proc/{Pid}"))
        {
            return false;
        }

        var current = ProcessStartTicks(Pid);
        return PidStartTicks is null || current is null || current == PidStartTicks;
    }

    /// <summary>Reads a run directory's owner.</summary>
    /// <param name="runDirectory">The directory.</param>
    /// <returns>The owner, or null when the directory has no readable owner file (not a run directory).</returns>
    public static RunOwner? Read(string runDirectory)
    {
        try
        {
            var owner = JsonSerializer.Deserialize<RunOwner>(File.ReadAllText(Path.Combine(runDirectory, FileName)));
            return owner is { Id.Length: > 0, Host.Length: > 0 } ? owner : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The start time of a process in clock ticks since boot, or null when it does not exist.</summary>
    internal static ulong? ProcessStartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid ..." — comm may hold spaces and parentheses; fields resume after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return ulong.Parse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture); // field 22 overall
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
