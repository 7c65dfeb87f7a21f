using Sts.Core.Units;

namespace Sts.Dm.Devices;

/// <summary>One raw table line as the kernel takes and reports it: where, how long, which target, its parameters.</summary>
/// <param name="Start">First sector covered.</param>
/// <param name="Length">Sectors covered.</param>
/// <param name="TargetType">The target's name, e.g. "linear" (at most 15 bytes).</param>
/// <param name="Parameters">The target's parameters (table) or status text, as one string.</param>
public sealed record DmTargetSpec(Sectors Start, Sectors Length, string TargetType, string Parameters)
{
    /// <summary>The line as dmsetup prints it: "start length type parameters".</summary>
    public override string ToString() =>
        Parameters.Length == 0 ? $"{Start} {Length} {TargetType}" : $"{Start} {Length} {TargetType} {Parameters}";
}
