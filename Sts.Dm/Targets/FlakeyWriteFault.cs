namespace Sts.Dm.Targets;

/// <summary>What flakey does to writes while down (its mutually exclusive drop_writes / error_writes features).</summary>
public enum FlakeyWriteFault
{
    /// <summary>No write feature: every I/O fails while down.</summary>
    None,

    /// <summary>drop_writes: writes are silently dropped, reads pass.</summary>
    DropWrites,

    /// <summary>error_writes: writes fail with EIO, reads pass.</summary>
    ErrorWrites,
}
