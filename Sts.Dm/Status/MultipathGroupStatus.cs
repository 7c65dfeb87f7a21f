namespace Sts.Dm.Status;

/// <summary>One path group of a multipath status.</summary>
/// <param name="State">Active, enabled or disabled.</param>
/// <param name="GroupArgs">The group's status words (none in current kernels).</param>
/// <param name="Paths">Its paths.</param>
public sealed record MultipathGroupStatus(MultipathGroupState State, ValueList<string> GroupArgs, ValueList<MultipathPathStatus> Paths);
