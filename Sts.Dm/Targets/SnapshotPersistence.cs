namespace Sts.Dm.Targets;

/// <summary>How a snapshot keeps its exception store (Documentation/admin-guide/device-mapper/snapshot.rst).</summary>
public enum SnapshotPersistence
{
    /// <summary>"P": survives reboot; an overflow invalidates the snapshot.</summary>
    Persistent,

    /// <summary>"PO": persistent, and an overflow is reported as "Overflow" instead of invalidating.</summary>
    PersistentOverflow,

    /// <summary>"N": kept in memory only.</summary>
    Transient,
}
