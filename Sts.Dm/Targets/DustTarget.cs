using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// dust: a linear mapping whose listed bad blocks fail reads once enabled
/// (Documentation/admin-guide/device-mapper/dm-dust.rst).
/// </summary>
public sealed record DustTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="device">The device mapped to.</param>
    /// <param name="offset">The first sector on it.</param>
    /// <param name="blockSize">The bad-block granularity: a power of two from 512 bytes to 1 GiB.</param>
    /// <exception cref="DmValidationException">The block size is out of range or not a power of two.</exception>
    public DustTarget(DeviceReference device, Sectors offset, Size blockSize)
    {
        Device = Require.NotNull(device, "device");
        Offset = offset;
        Require.That(blockSize.Bytes is >= 512 and <= 1L << 30 && long.IsPow2(blockSize.Bytes), "block size",
            $"dust's block size must be a power of two from 512 bytes to 1 GiB, not {blockSize.Bytes} bytes.");
        BlockSize = blockSize;
    }

    /// <summary>The device mapped to.</summary>
    public DeviceReference Device { get; }

    /// <summary>The first sector on it.</summary>
    public Sectors Offset { get; }

    /// <summary>The bad-block granularity.</summary>
    public Size BlockSize { get; }

    /// <inheritdoc />
    public override string TargetType => "dust";

    /// <summary>dm-dust refuses a block larger than the line it maps ("Block size too large").</summary>
    /// <param name="length">The line length.</param>
    /// <exception cref="DmValidationException">The block size is more than the length.</exception>
    public override void ValidateLength(Sectors length) =>
        Require.That(BlockSize.Bytes / Sectors.SectorSize <= length.Count, "block size",
            $"dust's block size ({BlockSize.Bytes} bytes) cannot exceed the line length ({length} sectors).");

    /// <summary>"device offset block_size_bytes".</summary>
    public override string FormatArguments() => Words.Join(Device, Offset, BlockSize.Bytes);

    /// <summary>Parses "device offset block_size_bytes".</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static DustTarget Parse(string arguments) =>
        ArgumentReader.Run("dust", arguments, r => new DustTarget(
            r.NextDevice("device"), r.NextSectors("offset"), Size.FromBytes(checked((long)r.NextUInt32("block size")))));
}
