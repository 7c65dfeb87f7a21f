using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>A device and a starting sector on it: a stripe leg, a mirror leg, a linear mapping.</summary>
public sealed record DeviceLocation
{
    /// <summary>Creates a location.</summary>
    /// <param name="device">The device.</param>
    /// <param name="offset">The first sector used on it.</param>
    /// <exception cref="DmValidationException">The device is missing.</exception>
    public DeviceLocation(DeviceReference device, Sectors offset)
    {
        Device = Require.NotNull(device, "device");
        Offset = offset;
    }

    /// <summary>The device.</summary>
    public DeviceReference Device { get; }

    /// <summary>The first sector used on the device.</summary>
    public Sectors Offset { get; }

    /// <summary>"device offset".</summary>
    public override string ToString() => $"{Device} {Offset}";

    internal static DeviceLocation Read(ArgumentReader r) => new(r.NextDevice("device"), r.NextSectors("offset"));
}
