using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// flakey: passes I/O for an up interval, then fails or corrupts it for a down interval
/// (Documentation/admin-guide/device-mapper/dm-flakey.rst).
/// </summary>
public sealed record FlakeyTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="device">The device mapped to.</param>
    /// <param name="offset">The first sector on it.</param>
    /// <param name="upInterval">How long I/O passes, whole seconds.</param>
    /// <param name="downInterval">How long I/O misbehaves, whole seconds.</param>
    /// <param name="writeFault">What happens to writes while down.</param>
    /// <param name="corruption">Byte corruption while down, if any.</param>
    /// <exception cref="DmValidationException">Intervals not whole seconds, both zero, or summing to more than 2^32-1 seconds; write corruption combined with drop_writes or error_writes (the kernel refuses it).</exception>
    public FlakeyTarget(DeviceReference device, Sectors offset, TimeSpan upInterval, TimeSpan downInterval,
        FlakeyWriteFault writeFault = FlakeyWriteFault.None, FlakeyCorruption? corruption = null)
    {
        Device = Require.NotNull(device, "device");
        Offset = offset;
        UpInterval = Require.WholeSeconds(upInterval, "up interval");
        DownInterval = Require.WholeSeconds(downInterval, "down interval");
        Require.That(upInterval + downInterval > TimeSpan.Zero, "interval", "flakey's up and down intervals cannot both be 0.");
        Require.That((upInterval + downInterval).TotalSeconds <= uint.MaxValue, "interval",
            $"flakey's up and down intervals add up in 32 bits; {Words.Seconds(upInterval)} + {Words.Seconds(downInterval)} seconds overflow (the kernel refuses it).");
        Require.That(Enum.IsDefined(writeFault), "write fault", $"Unknown flakey write fault {writeFault}.");
        Require.That(corruption is null || corruption.Direction == FlakeyDirection.Read || writeFault == FlakeyWriteFault.None,
            "corrupt_bio_byte", "flakey refuses write corruption together with drop_writes or error_writes.");
        WriteFault = writeFault;
        Corruption = corruption;
    }

    /// <summary>The device mapped to.</summary>
    public DeviceReference Device { get; }

    /// <summary>The first sector on it.</summary>
    public Sectors Offset { get; }

    /// <summary>How long I/O passes.</summary>
    public TimeSpan UpInterval { get; }

    /// <summary>How long I/O misbehaves.</summary>
    public TimeSpan DownInterval { get; }

    /// <summary>What happens to writes while down.</summary>
    public FlakeyWriteFault WriteFault { get; }

    /// <summary>Byte corruption while down, if any.</summary>
    public FlakeyCorruption? Corruption { get; }

    /// <inheritdoc />
    public override string TargetType => "flakey";

    /// <summary>"device offset up down #features features... " with the kernel's trailing space.</summary>
    public override string FormatArguments()
    {
        var count = (WriteFault == FlakeyWriteFault.None ? 0 : 1) + (Corruption is null ? 0 : 5);
        var fault = WriteFault switch
        {
            FlakeyWriteFault.DropWrites => "drop_writes",
            FlakeyWriteFault.ErrorWrites => "error_writes",
            _ => null,
        };
        return Words.Join(Device, Offset, Words.Seconds(UpInterval), Words.Seconds(DownInterval), count, fault, Corruption) + " ";
    }

    /// <summary>Parses "device offset up down [#features features...]".</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit, or a feature is unknown or miscounted.</exception>
    public static FlakeyTarget Parse(string arguments) =>
        ArgumentReader.Run("flakey", arguments, r =>
        {
            var device = r.NextDevice("device");
            var offset = r.NextSectors("offset");
            var up = TimeSpan.FromSeconds(r.NextUInt32("up interval"));
            var down = TimeSpan.FromSeconds(r.NextUInt32("down interval"));
            var fault = FlakeyWriteFault.None;
            FlakeyCorruption? corruption = null;
            if (!r.AtEnd)
            {
                var count = r.NextCount("number of features");
                var end = r.Remaining - count;
                while (r.Remaining > end)
                {
                    switch (r.Next("feature"))
                    {
                        case "drop_writes" when fault == FlakeyWriteFault.None:
                            fault = FlakeyWriteFault.DropWrites;
                            break;
                        case "error_writes" when fault == FlakeyWriteFault.None:
                            fault = FlakeyWriteFault.ErrorWrites;
                            break;
                        case "corrupt_bio_byte" when corruption is null:
                            corruption = FlakeyCorruption.Read(r);
                            break;
                        case var other:
                            throw r.Error($"unknown or repeated feature '{other}'");
                    }
                }

                if (r.Remaining != end)
                {
                    throw r.Error("the feature count does not match the features");
                }
            }

            return new FlakeyTarget(device, offset, up, down, fault, corruption);
        });
}
