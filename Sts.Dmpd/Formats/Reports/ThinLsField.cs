namespace Sts.Dmpd.Formats.Reports;

/// <summary>A column thin_ls 0.9.0 can print (<c>thin_ls -o</c>); the names are thin_ls's in PascalCase.</summary>
public enum ThinLsField
{
    /// <summary>DEV: the thin device id.</summary>
    Dev,

    /// <summary>MAPPED_BLOCKS: data blocks mapped by the device.</summary>
    MappedBlocks,

    /// <summary>EXCLUSIVE_BLOCKS: mapped blocks no other device shares.</summary>
    ExclusiveBlocks,

    /// <summary>SHARED_BLOCKS: mapped blocks shared with another device.</summary>
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

    /// <summary>MAPPED: mapped size in a binary unit (e.g. 1536KiB).</summary>
    Mapped,

    /// <summary>EXCLUSIVE: exclusive size in a binary unit.</summary>
    Exclusive,

    /// <summary>SHARED: shared size in a binary unit.</summary>
    Shared,

    /// <summary>TRANSACTION: the transaction id the device was created in.</summary>
    Transaction,

    /// <summary>CREATE_TIME: the pool time the device was created at.</summary>
    CreateTime,

    /// <summary>SNAP_TIME: the pool time of the device's last snapshot.</summary>
    SnapTime,
}
