using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>error: fails every I/O. Takes no arguments.</summary>
public sealed record ErrorTarget : DmTarget
{
    /// <inheritdoc />
    public override string TargetType => "error";

    /// <summary>The empty argument string.</summary>
    public override string FormatArguments() => "";

    /// <summary>Parses the (empty) arguments.</summary>
    /// <param name="arguments">The arguments; must be empty.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">There are arguments.</exception>
    public static ErrorTarget Parse(string arguments) => ArgumentReader.Run("error", arguments, _ => new ErrorTarget());
}
