using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>delay's status: "reads writes flushes", the I/Os currently held back in each class.</summary>
/// <param name="DelayedReads">Reads being delayed.</param>
/// <param name="DelayedWrites">Writes being delayed.</param>
/// <param name="DelayedFlushes">Flushes being delayed.</param>
public sealed record DelayStatus(uint DelayedReads, uint DelayedWrites, uint DelayedFlushes) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "delay";

    /// <summary>"reads writes flushes".</summary>
    public override string Format() => Words.Join(DelayedReads, DelayedWrites, DelayedFlushes);

    internal static DelayStatus Read(ArgumentReader r) =>
        new(r.NextUInt32("delayed reads"), r.NextUInt32("delayed writes"), r.NextUInt32("delayed flushes"));
}
