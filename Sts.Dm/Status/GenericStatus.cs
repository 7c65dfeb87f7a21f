namespace Sts.Dm.Status;

/// <summary>The status of a target Sts has no typed status model for (mirror, multipath, ...), kept verbatim.</summary>
/// <param name="TargetType">The target type.</param>
/// <param name="Text">The status text.</param>
public sealed record GenericStatus(string TargetType, string Text) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType { get; } = TargetType;

    /// <summary>The text, verbatim.</summary>
    public override string Format() => Text;
}
