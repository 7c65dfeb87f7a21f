namespace Sts.Dm.Targets;

/// <summary>How dm-integrity keeps data and tags consistent (Documentation/admin-guide/device-mapper/dm-integrity.rst).</summary>
public enum IntegrityMode
{
    /// <summary>'J': journaled writes.</summary>
    Journal,

    /// <summary>'B': bitmap mode.</summary>
    Bitmap,

    /// <summary>'D': direct writes, no journal.</summary>
    Direct,

    /// <summary>'R': recovery mode, read-only, no checks.</summary>
    Recovery,
}
