using System.Text;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>Any target Sts has no typed model for: its type name and its argument string, kept verbatim.</summary>
public sealed record GenericTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="targetType">The type name: one word, at most 15 bytes (DM_MAX_TYPE_NAME).</param>
    /// <param name="arguments">The argument string, one line.</param>
    /// <exception cref="DmValidationException">The type name is not one short word, or the arguments span lines.</exception>
    public GenericTarget(string targetType, string arguments)
    {
        Require.That(Encoding.UTF8.GetByteCount(Require.Word(targetType, "target type")) < 16, "target type", $"Target type '{targetType}' is longer than 15 bytes.");
        ArgumentNullException.ThrowIfNull(arguments);
        Require.That(!arguments.Contains('\n', StringComparison.Ordinal), "arguments", "Target arguments cannot span lines.");
        TargetType = targetType;
        Arguments = arguments;
    }

    /// <inheritdoc />
    public override string TargetType { get; }

    /// <summary>The argument string.</summary>
    public string Arguments { get; }

    /// <summary>The argument string, verbatim.</summary>
    public override string FormatArguments() => Arguments;

    /// <summary>Keeps any argument string.</summary>
    /// <param name="targetType">The type name.</param>
    /// <param name="arguments">The argument string.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The type name or arguments are refused.</exception>
    public static new GenericTarget Parse(string targetType, string arguments) =>
        ArgumentReader.Run(targetType, "", _ => new GenericTarget(targetType, arguments));
}
