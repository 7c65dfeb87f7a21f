using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>log-writes: passes I/O to a device and logs every write to a log device (Documentation/admin-guide/device-mapper/log-writes.rst).</summary>
public sealed record LogWritesTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="device">The device written to.</param>
    /// <param name="logDevice">The device the log goes to.</param>
    /// <exception cref="DmValidationException">A device is missing.</exception>
    public LogWritesTarget(DeviceReference device, DeviceReference logDevice)
    {
        Device = Require.NotNull(device, "device");
        LogDevice = Require.NotNull(logDevice, "log device");
    }

    /// <summary>The device written to.</summary>
    public DeviceReference Device { get; }

    /// <summary>The log device.</summary>
    public DeviceReference LogDevice { get; }

    /// <inheritdoc />
    public override string TargetType => "log-writes";

    /// <summary>"device log_device".</summary>
    public override string FormatArguments() => Words.Join(Device, LogDevice);

    /// <summary>Parses "device log_device".</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments are not two devices.</exception>
    public static LogWritesTarget Parse(string arguments) =>
        ArgumentReader.Run("log-writes", arguments, r => new LogWritesTarget(r.NextDevice("device"), r.NextDevice("log device")));
}
