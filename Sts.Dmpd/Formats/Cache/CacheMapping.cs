namespace Sts.Dmpd.Formats.Cache;

/// <summary>A <c>&lt;mapping&gt;</c>: cache block <see cref="CacheBlock"/> holds origin block <see cref="OriginBlock"/>.</summary>
/// <param name="CacheBlock">The block on the fast device.</param>
/// <param name="OriginBlock">The block of the origin device it caches.</param>
/// <param name="Dirty">True when the cached copy is newer than the origin.</param>
public readonly record struct CacheMapping(ulong CacheBlock, ulong OriginBlock, bool Dirty);
