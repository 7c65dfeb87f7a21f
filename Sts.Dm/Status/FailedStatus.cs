namespace Sts.Dm.Status;

/// <summary>
/// A target that reports "Fail" or "Error" instead of its status (thin, cache, era). A thin-pool's
/// is a <see cref="ThinPoolStatus"/> in <see cref="ThinPoolMode.Fail"/> or <see cref="ThinPoolMode.Error"/>.
/// </summary>
/// <param name="TargetType">The target type.</param>
/// <param name="Failure">Which word it reported.</param>
public sealed record FailedStatus(string TargetType, DmFailure Failure) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType { get; } = TargetType;

    /// <summary>"Fail" or "Error".</summary>
    public override string Format() => Failure == DmFailure.Fail ? "Fail" : "Error";
}
