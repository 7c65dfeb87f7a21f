namespace Sts.Dm.Status;

/// <summary>One path of a multipath status.</summary>
/// <param name="Device">The path's device.</param>
/// <param name="Active">True for 'A' (active), false for 'F' (failed).</param>
/// <param name="FailCount">How often the path failed.</param>
/// <param name="SelectorArgs">The path selector's per-path status words (e.g. service-time's in-flight size and relative throughput).</param>
public sealed record MultipathPathStatus(DeviceReference Device, bool Active, uint FailCount, ValueList<string> SelectorArgs);
