using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>linear: maps the range onto one device from an offset (Documentation/admin-guide/device-mapper/linear.rst).</summary>
public sealed record LinearTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="device">The device mapped to.</param>
    /// <param name="offset">The first sector on that device.</param>
    /// <exception cref="DmValidationException">The device is missing.</exception>
    public LinearTarget(DeviceReference device, Sectors offset)
    {
        Device = Require.NotNull(device, "device");
        Offset = offset;
    }

    /// <summary>The device mapped to.</summary>
    public DeviceReference Device { get; }

    /// <summary>The first sector on that device.</summary>
    public Sectors Offset { get; }

    /// <inheritdoc />
    public override string TargetType => "linear";

    /// <summary>"device offset".</summary>
    public override string FormatArguments() => $"{Device} {Offset}";

    /// <summary>Parses "device offset".</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments are not a device and an offset.</exception>
    public static LinearTarget Parse(string arguments) =>
        ArgumentReader.Run("linear", arguments, r => new LinearTarget(r.NextDevice("device"), r.NextSectors("offset")));
}
