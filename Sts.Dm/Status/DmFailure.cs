namespace Sts.Dm.Status;

/// <summary>The single-word statuses a failed target reports.</summary>
public enum DmFailure
{
    /// <summary>"Fail": the target is in fail mode (e.g. a thin-pool whose metadata I/O failed).</summary>
    Fail,

    /// <summary>"Error": the target could not gather its status.</summary>
    Error,
}
