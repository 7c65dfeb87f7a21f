namespace Sts.Dm.Status;

/// <summary>The status of a target that reports nothing (linear, zero, error, flakey, crypt, snapshot-origin).</summary>
/// <param name="TargetType">The target type.</param>
public sealed record EmptyStatus(string TargetType) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType { get; } = TargetType;

    /// <summary>The empty string.</summary>
    public override string Format() => "";
}
