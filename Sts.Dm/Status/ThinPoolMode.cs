namespace Sts.Dm.Status;

/// <summary>A thin-pool's mode as its status reports it, including the fail states in which it reports nothing else.</summary>
public enum ThinPoolMode
{
    /// <summary>"rw".</summary>
    ReadWrite,

    /// <summary>"ro": read-only (requested, or after a metadata error).</summary>
    ReadOnly,

    /// <summary>"out_of_data_space".</summary>
    OutOfDataSpace,

    /// <summary>
    /// "Fail": the pool failed (e.g. its metadata device returned errors) and fails all I/O; its
    /// status is this one word, so every other field of <see cref="ThinPoolStatus"/> is null.
    /// </summary>
    Fail,

    /// <summary>"Error": the pool could not gather its status (reading its metadata failed); every other field is null.</summary>
    Error,
}
