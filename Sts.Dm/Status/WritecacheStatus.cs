using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>writecache's status: "error blocks free writeback [10 counters]" (Documentation/admin-guide/device-mapper/writecache.rst).</summary>
/// <param name="Error">0, or the error the cache hit (negative errno).</param>
/// <param name="TotalBlocks">Cache blocks.</param>
/// <param name="FreeBlocks">Free cache blocks.</param>
/// <param name="WritebackBlocks">Blocks under writeback.</param>
/// <param name="Statistics">The counters, on kernels that report them.</param>
public sealed record WritecacheStatus(long Error, ulong TotalBlocks, ulong FreeBlocks, ulong WritebackBlocks, WritecacheStatistics? Statistics) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "writecache";

    /// <summary>The status as dm-writecache writes it.</summary>
    public override string Format()
    {
        var head = Words.Join(Error, TotalBlocks, FreeBlocks, WritebackBlocks);
        return Statistics is not { } s
            ? head
            : head + " " + Words.Join(s.Reads, s.ReadHits, s.Writes, s.WriteHitsUncommitted, s.WriteHitsCommitted, s.WritesAround, s.WritesAllocate,
                s.WritesBlockedOnFreelist, s.Flushes, s.Discards);
    }

    internal static WritecacheStatus Read(ArgumentReader r)
    {
        var error = r.NextInt64("error");
        var total = r.NextUInt64("blocks");
        var free = r.NextUInt64("free blocks");
        var writeback = r.NextUInt64("writeback blocks");
        if (r.AtEnd)
        {
            return new WritecacheStatus(error, total, free, writeback, null);
        }

        var c = Enumerable.Range(0, 10).Select(_ => r.NextUInt64("counter")).ToArray();
        return new WritecacheStatus(error, total, free, writeback, new WritecacheStatistics(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]));
    }
}
