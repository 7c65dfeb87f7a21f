using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>verity's status: "V" (verified) or "C" (corruption detected).</summary>
/// <param name="CorruptionDetected">True for "C".</param>
public sealed record VerityStatus(bool CorruptionDetected) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "verity";

    /// <summary>"V" or "C".</summary>
    public override string Format() => CorruptionDetected ? "C" : "V";

    internal static VerityStatus Read(ArgumentReader r) => r.Next("state") switch
    {
        "V" => new VerityStatus(false),
        "C" => new VerityStatus(true),
        var other => throw r.Error($"state '{other}' is not V or C"),
    };
}
