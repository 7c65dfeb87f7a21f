namespace Sts.Dm.Status;

/// <summary>A path group's state in a multipath status.</summary>
public enum MultipathGroupState
{
    /// <summary>'A': the group in use.</summary>
    Active,

    /// <summary>'E': enabled, usable if the active group fails.</summary>
    Enabled,

    /// <summary>'D': disabled (bypassed).</summary>
    Disabled,
}
