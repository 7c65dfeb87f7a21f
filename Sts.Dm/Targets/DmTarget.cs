using Sts.Core.Units;

namespace Sts.Dm.Targets;

/// <summary>
/// One device-mapper target: its type name and typed parameters. Each target renders its own
/// argument string exactly as the kernel prints it back in <c>dmsetup table</c>, and parses it.
/// </summary>
public abstract record DmTarget
{
    /// <summary>The kernel's target type name, e.g. "thin-pool".</summary>
    public abstract string TargetType { get; }

    /// <summary>The arguments after the type name, as the kernel prints them (trailing space included where the kernel writes one).</summary>
    public abstract string FormatArguments();

    /// <summary>Checks that this target can map a line of the given length (e.g. striped needs a multiple of its stripe width).</summary>
    /// <param name="length">The table line's length.</param>
    /// <exception cref="DmValidationException">The target cannot map that length.</exception>
    public virtual void ValidateLength(Sectors length)
    {
    }

    /// <summary>Parses a target from its type name and argument string; unknown types become a <see cref="GenericTarget"/>.</summary>
    /// <param name="targetType">The type name, e.g. "linear".</param>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The typed target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit the target type.</exception>
    public static DmTarget Parse(string targetType, string arguments) => TargetParsers.Parse(targetType, arguments);
}
