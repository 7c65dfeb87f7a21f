using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>zero: returns zeros on read and discards writes (Documentation/admin-guide/device-mapper/zero.rst). Takes no arguments.</summary>
public sealed record ZeroTarget : DmTarget
{
    /// <inheritdoc />
    public override string TargetType => "zero";

    /// <summary>The empty argument string.</summary>
    public override string FormatArguments() => "";

    /// <summary>Parses the (empty) arguments.</summary>
    /// <param name="arguments">The arguments; must be empty.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">There are arguments.</exception>
    public static ZeroTarget Parse(string arguments) => ArgumentReader.Run("zero", arguments, _ => new ZeroTarget());
}
