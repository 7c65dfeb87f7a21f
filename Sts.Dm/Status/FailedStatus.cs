namespace Sts.Dm.Status;

/// <summary>A target that reports "Fail" or "Error" instead of its status (thin-pool, thin, cache, era).</summary>
/// <param name="TargetType">The target type.</param>
/// <param name="Failure">Which word it reported.</param>
public sealed record FailedStatus(string TargetType, DmFailure Failure) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType { get; } = TargetType;

    /// <summary>"Fail" or "Error".</summary>
    public override string Format() => Failure == DmFailure.Fail ? "Fail" : "Error";
}
