using System.Globalization;
using Sts.Core.Interop;

namespace Sts.Core.Commands;

/// <summary>
/// Stops a process and every descendant. .NET's <c>Process.Kill(true)</c> kills the root first,
/// so children that fork meanwhile, or that get reparented once the root is gone, escape it. This
/// freezes the tree with SIGSTOP until no new member appears, then sends SIGTERM (plus SIGCONT so
/// it is handled), waits the grace period, and SIGKILLs whatever is left. Processes are tracked by
/// pid and start time so a recycled pid is never signalled.
/// </summary>
internal static class ProcessTree
{
    private const int MaxFreezeRounds = 20;

    internal static async Task StopAsync(int rootPid, TimeSpan gracePeriod)
    {
        var members = Freeze(rootPid);
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

        // Survivors may have forked after SIGCONT: freeze their subtrees again before the kill.
        var survivors = members.Where(IsAlive).ToList();
        var all = new HashSet<ProcessId>(survivors);
        foreach (var survivor in survivors)
        {
            all.UnionWith(Freeze(survivor.Pid));
        }

        Signal(all, Libc.SIGKILL);
    }

    /// <summary>Returns the pids of the process's descendants (not the process itself).</summary>
    internal static IReadOnlyList<int> Descendants(int rootPid)
    {
        var byParent = Snapshot().ToLookup(p => p.ParentPid);
        var result = new List<int>();
        var queue = new Queue<int>([rootPid]);
        while (queue.Count > 0)
        {
            foreach (var child in byParent[queue.Dequeue()])
            {
                result.Add(child.Id.Pid);
                queue.Enqueue(child.Id.Pid);
            }
        }

        return result;
    }

    private static HashSet<ProcessId> Freeze(int rootPid)
    {
        var frozen = new HashSet<ProcessId>();
        if (Read(rootPid) is not { } root)
        {
            return frozen;
        }

        for (var round = 0; round < MaxFreezeRounds; round++)
        {
            var found = new List<ProcessId> { root.Id };
            var byParent = Snapshot().ToLookup(p => p.ParentPid);
            var queue = new Queue<int>([rootPid]);
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
