using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>One class of I/O in a delay target: where it goes and how long it waits.</summary>
public sealed record DelayPath
{
    /// <summary>Creates the path.</summary>
    /// <param name="device">The device the I/O goes to.</param>
    /// <param name="offset">The first sector on that device.</param>
    /// <param name="delay">The delay, whole milliseconds.</param>
    /// <exception cref="DmValidationException">The device is missing, or the delay is negative or not whole milliseconds.</exception>
    public DelayPath(DeviceReference device, Sectors offset, TimeSpan delay)
    {
        Device = Require.NotNull(device, "device");
        Offset = offset;
        Delay = Require.WholeMilliseconds(delay, "delay");
    }

    /// <summary>The device the I/O goes to.</summary>
    public DeviceReference Device { get; }

    /// <summary>The first sector on that device.</summary>
    public Sectors Offset { get; }

    /// <summary>The delay.</summary>
    public TimeSpan Delay { get; }

    /// <summary>"device offset delay_ms".</summary>
    public override string ToString() => $"{Device} {Offset} {Words.Ms(Delay)}";

    internal static DelayPath Read(ArgumentReader r) =>
        new(r.NextDevice("device"), r.NextSectors("offset"), TimeSpan.FromMilliseconds(r.NextUInt32("delay (ms)")));
}
