namespace Sts.Dm.Targets;

/// <summary>A snapshot's optional feature arguments.</summary>
[Flags]
public enum SnapshotFeatures
{
    /// <summary>No features.</summary>
    None = 0,

    /// <summary>discard_zeroes_cow: a discard to the snapshot zeroes the COW blocks.</summary>
    DiscardZeroesCow = 1,

    /// <summary>discard_passdown_origin: discards are passed to the origin too (needs <see cref="DiscardZeroesCow"/>).</summary>
    DiscardPassdownOrigin = 2,
}
