namespace Sts.Dm.Targets;

/// <summary>cache feature arguments (Documentation/admin-guide/device-mapper/cache.rst).</summary>
public enum CacheFeature
{
    /// <summary>writethrough: writes go to origin and cache; the default I/O mode.</summary>
    Writethrough,

    /// <summary>writeback: writes go to the cache and are written back later.</summary>
    Writeback,

    /// <summary>passthrough: the cache is bypassed (it must be clean).</summary>
    Passthrough,

    /// <summary>metadata2: the version 2 metadata format.</summary>
    Metadata2,

    /// <summary>no_discard_passdown: discards are not passed to the origin.</summary>
    NoDiscardPassdown,
}
