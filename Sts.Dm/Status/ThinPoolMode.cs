namespace Sts.Dm.Status;

/// <summary>A running thin-pool's mode as its status reports it.</summary>
public enum ThinPoolMode
{
    /// <summary>"rw".</summary>
    ReadWrite,

    /// <summary>"ro": read-only (requested, or after a metadata error).</summary>
    ReadOnly,

    /// <summary>"out_of_data_space".</summary>
    OutOfDataSpace,
}
