namespace Sts.Dm.Status;

/// <summary>The counters writecache appends to its status since Linux 5.17.</summary>
/// <param name="Reads">Read requests.</param>
/// <param name="ReadHits">Reads served from the cache.</param>
/// <param name="Writes">Write requests.</param>
/// <param name="WriteHitsUncommitted">Writes to blocks cached and not yet committed.</param>
/// <param name="WriteHitsCommitted">Writes to blocks cached and committed.</param>
/// <param name="WritesAround">Writes that bypassed the cache.</param>
/// <param name="WritesAllocate">Writes that allocated a cache block.</param>
/// <param name="WritesBlockedOnFreelist">Writes that waited for a free block.</param>
/// <param name="Flushes">Flushes.</param>
/// <param name="Discards">Discards.</param>
public sealed record WritecacheStatistics(ulong Reads, ulong ReadHits, ulong Writes, ulong WriteHitsUncommitted, ulong WriteHitsCommitted,
    ulong WritesAround, ulong WritesAllocate, ulong WritesBlockedOnFreelist, ulong Flushes, ulong Discards);
