using System.Globalization;
using System.Text;
using Sts.Core.Interop;

namespace Sts.Core.Commands;

/// <summary>
/// Stops every process a command started. This is the part of stopping a command that CliWrap
/// lacks: its forceful kill is .NET's <c>Process.Kill(entireProcessTree: true)</c>, SIGKILL only
/// (its graceful cancel is SIGINT to the root alone), over a parent-pid walk from the root. Sts
/// needs three more things:
/// <list type="number">
/// <item>SIGTERM and a grace period for every member before SIGKILL, so tools that hold kernel
/// state (dmsetup, the thin tools) can clean up;</item>
/// <item>the whole tree frozen with SIGSTOP first, until no new member appears, so a child that
/// forks while the tree is being killed, or whose parent dies first, does not escape;</item>
/// <item>descendants that daemonised (double fork, setsid) are no longer descendants of the root
/// once their parent exits: every command's environment carries <see cref="MarkerVariable"/>
/// with an id of its own, which descendants inherit, so they are found by
/// <c>/proc/PID/environ</c> whoever their parent is now (the marker Jenkins' process-tree killer
/// uses). Descendants that cleared their environment are still found through their parents.</item>
/// </list>
/// Processes are tracked by pid and start time so a recycled pid is never signalled.
/// </summary>
internal static class ProcessTree
{
    /// <summary>The environment variable that marks every process of one command.</summary>
    internal const string MarkerVariable = "STS_PROCESS_TREE";

    private const int MaxFreezeRounds = 20;

    /// <summary>A fresh marker value for one command.</summary>
    internal static string NewMarker() => Guid.NewGuid().ToString("N");

    /// <summary>Stops the root, every process that carries the marker, and their descendants.</summary>
    /// <param name="rootPid">The command's own process: it carries the marker too, unless it exec'd with a cleared environment.</param>
    /// <param name="marker">The value of <see cref="MarkerVariable"/> the command was started with.</param>
    /// <param name="gracePeriod">Time between SIGTERM and SIGKILL; zero kills at once.</param>
    internal static async Task StopAsync(int rootPid, string marker, TimeSpan gracePeriod)
    {
        var entry = Encoding.UTF8.GetBytes($"{MarkerVariable}={marker}\0");
        var members = Freeze(rootPid, entry);
        if (gracePeriod > TimeSpan.Zero)
        {
            Signal(members, Libc.SIGTERM);
            Signal(members, Libc.SIGCONT);
            var deadline = DateTime.UtcNow + gracePeriod;
            while (members.Any(IsAlive) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }
        }

        // Survivors may have forked after SIGCONT: freeze again before the kill.
        members.UnionWith(Freeze(rootPid, entry));
        Signal(members, Libc.SIGKILL);
    }

    private static HashSet<ProcessId> Freeze(int rootPid, byte[] markerEntry)
    {
        var frozen = new HashSet<ProcessId>();
        for (var round = 0; round < MaxFreezeRounds; round++)
        {
            var snapshot = Snapshot().ToList();
            var byParent = snapshot.ToLookup(p => p.ParentPid);
            var found = new List<ProcessId>();
            var queue = new Queue<int>();
            foreach (var process in snapshot.Where(p => p.Id.Pid == rootPid || Carries(p.Id.Pid, markerEntry)))
            {
                found.Add(process.Id);
                queue.Enqueue(process.Id.Pid);
            }

            while (queue.Count > 0)
            {
                foreach (var child in byParent[queue.Dequeue()])
                {
                    found.Add(child.Id);
                    queue.Enqueue(child.Id.Pid);
                }
            }

            var fresh = found.Where(frozen.Add).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            Signal(fresh, Libc.SIGSTOP);
        }

        return frozen;
    }

    private static bool Carries(int pid, byte[] markerEntry)
    {
        try
        {
            // Entries are NUL-terminated: "NAME=value\0". Matching the entry with its terminator
            // (and checking the byte before) avoids a prefix match on another variable.
            var environ = File.ReadAllBytes($"/proc/{pid}/environ").AsSpan();
            var at = environ.IndexOf(markerEntry);
            return at == 0 || (at > 0 && environ[at - 1] == 0);
        }
        catch (IOException)
        {
            return false; // exited meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return false; // another user's process: never one of ours
        }
    }

    private static void Signal(IEnumerable<ProcessId> processes, int signal)
    {
        foreach (var process in processes)
        {
            // Re-check the start time right before signalling: the pid may have been recycled.
            if (IsAlive(process))
            {
                _ = Libc.Kill(process.Pid, signal);
            }
        }
    }

    private static bool IsAlive(ProcessId process) =>
        Read(process.Pid) is { } now && now.Id == process && now.State != 'Z' && now.State != 'X';

    private static IEnumerable<ProcessInfo> Snapshot()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { } info)
            {
                yield return info;
            }
        }
    }

    private static ProcessInfo? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // exited between listing and reading
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ... starttime(22nd field)": comm may hold spaces and ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 20
            || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent)
            || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var startTime))
        {
            return null;
        }

        return new ProcessInfo(new ProcessId(pid, startTime), parent, fields[0][0]);
    }

    private readonly record struct ProcessId(int Pid, ulong StartTime);

    private sealed record ProcessInfo(ProcessId Id, int ParentPid, char State);
}
