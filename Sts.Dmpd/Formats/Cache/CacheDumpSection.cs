namespace Sts.Dmpd.Formats.Cache;

/// <summary>The sections of a cache_dump document, in the order cache_dump writes them.</summary>
public enum CacheDumpSection
{
    /// <summary><c>&lt;mappings&gt;</c>: cache block to origin block, with the dirty flag.</summary>
    Mappings,

    /// <summary><c>&lt;hints&gt;</c>: the policy's hint per cache block.</summary>
    Hints,

    /// <summary><c>&lt;discards&gt;</c>: discarded origin ranges.</summary>
    Discards,
}
