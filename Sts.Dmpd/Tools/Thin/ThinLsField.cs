namespace Sts.Dmpd.Tools;

/// <summary>A thin_ls column (-o), as both generations name them.</summary>
public enum ThinLsField
{
    /// <summary>DEV: the thin device id.</summary>
    Dev,

    /// <summary>MAPPED_BLOCKS.</summary>
    MappedBlocks,

    /// <summary>EXCLUSIVE_BLOCKS.</summary>
    ExclusiveBlocks,

    /// <summary>SHARED_BLOCKS.</summary>
    SharedBlocks,

    /// <summary>MAPPED_SECTORS.</summary>
    MappedSectors,

    /// <summary>EXCLUSIVE_SECTORS.</summary>
    ExclusiveSectors,

    /// <summary>SHARED_SECTORS.</summary>
    SharedSectors,

    /// <summary>MAPPED_BYTES.</summary>
    MappedBytes,

    /// <summary>EXCLUSIVE_BYTES.</summary>
    ExclusiveBytes,

    /// <summary>SHARED_BYTES.</summary>
    SharedBytes,

    /// <summary>MAPPED: a human-readable size.</summary>
    Mapped,

    /// <summary>EXCLUSIVE: a human-readable size.</summary>
    Exclusive,

    /// <summary>SHARED: a human-readable size.</summary>
    Shared,

    /// <summary>TRANSACTION.</summary>
    Transaction,

    /// <summary>CREATE_TIME.</summary>
    CreateTime,

    /// <summary>SNAP_TIME.</summary>
    SnapTime,
}
