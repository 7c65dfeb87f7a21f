using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>snapshot-origin: the origin device whose writes copy old data into its snapshots (Documentation/admin-guide/device-mapper/snapshot.rst).</summary>
public sealed record SnapshotOriginTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="origin">The underlying origin device.</param>
    /// <exception cref="DmValidationException">The device is missing.</exception>
    public SnapshotOriginTarget(DeviceReference origin) => Origin = Require.NotNull(origin, "origin");

    /// <summary>The underlying origin device.</summary>
    public DeviceReference Origin { get; }

    /// <inheritdoc />
    public override string TargetType => "snapshot-origin";

    /// <summary>"origin".</summary>
    public override string FormatArguments() => Origin.ToString();

    /// <summary>Parses "origin".</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments are not one device.</exception>
    public static SnapshotOriginTarget Parse(string arguments) =>
        ArgumentReader.Run("snapshot-origin", arguments, r => new SnapshotOriginTarget(r.NextDevice("origin")));
}
