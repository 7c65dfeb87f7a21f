using System.Runtime.InteropServices;

namespace Sts.Dmpd.Benchmarks;

/// <summary>
/// CPU time of this process and of its reaped children (getrusage(2)). The host is shared, so
/// wall times carry other people's load; CPU times say what each side costs.
/// </summary>
internal static partial class Rusage
{
    private const int Self = 0;
    private const int Children = -1;

    public static TimeSpan SelfCpu() => Get(Self);

    public static TimeSpan ChildrenCpu() => Get(Children);

    private static TimeSpan Get(int who)
    {
        var usage = default(RUsage);
        if (GetRUsage(who, ref usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return TimeSpan.FromMicroseconds(usage.UserSeconds * 1e6 + usage.UserMicroseconds + usage.SystemSeconds * 1e6 + usage.SystemMicroseconds);
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRUsage(int who, ref RUsage usage);

    // struct rusage on x86_64: two struct timeval (ru_utime, ru_stime), then 14 longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        private unsafe fixed long _rest[14];
    }
}
