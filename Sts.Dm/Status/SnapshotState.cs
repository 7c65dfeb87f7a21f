namespace Sts.Dm.Status;

/// <summary>A snapshot's state as its status reports it.</summary>
public enum SnapshotState
{
    /// <summary>Valid, with usage figures.</summary>
    Active,

    /// <summary>"Invalid": the snapshot was dropped (e.g. its COW filled from origin writes).</summary>
    Invalid,

    /// <summary>"Overflow": a PO snapshot's COW filled.</summary>
    Overflow,

    /// <summary>"Merge failed".</summary>
    MergeFailed,

    /// <summary>"Unknown": the store cannot report usage.</summary>
    Unknown,
}
