namespace Sts.Dmpd.Formats.Cache;

/// <summary>A <c>&lt;discard&gt;</c>: discard blocks from <see cref="DBegin"/> up to, not including, <see cref="DEnd"/>.</summary>
/// <param name="DBegin">The first discarded block.</param>
/// <param name="DEnd">One past the last discarded block.</param>
public readonly record struct CacheDiscard(ulong DBegin, ulong DEnd);
