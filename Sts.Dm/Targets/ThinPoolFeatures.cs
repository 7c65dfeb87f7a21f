namespace Sts.Dm.Targets;

/// <summary>thin-pool feature arguments (Documentation/admin-guide/device-mapper/thin-provisioning.rst).</summary>
[Flags]
public enum ThinPoolFeatures
{
    /// <summary>No features: zero new blocks, pass discards down, queue when out of space.</summary>
    None = 0,

    /// <summary>skip_block_zeroing: newly provisioned blocks are not zeroed.</summary>
    SkipBlockZeroing = 1,

    /// <summary>ignore_discard: discards are not supported.</summary>
    IgnoreDiscard = 2,

    /// <summary>no_discard_passdown: discards free pool blocks but are not passed to the data device.</summary>
    NoDiscardPassdown = 4,

    /// <summary>read_only: no metadata changes are allowed.</summary>
    ReadOnly = 8,

    /// <summary>error_if_no_space: fail I/O at once when out of data space instead of queueing.</summary>
    ErrorIfNoSpace = 16,
}
