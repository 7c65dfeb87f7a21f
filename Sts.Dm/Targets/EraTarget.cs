using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>era: tracks which blocks were written in which era (Documentation/admin-guide/device-mapper/era.rst).</summary>
public sealed record EraTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="metadata">The metadata device.</param>
    /// <param name="origin">The origin device.</param>
    /// <param name="blockSize">The tracking granularity; more than 0.</param>
    /// <exception cref="DmValidationException">A device is missing or the block size is 0.</exception>
    public EraTarget(DeviceReference metadata, DeviceReference origin, Sectors blockSize)
    {
        Metadata = Require.NotNull(metadata, "metadata device");
        Origin = Require.NotNull(origin, "origin device");
        BlockSize = Require.Positive(blockSize, "block size");
    }

    /// <summary>The metadata device.</summary>
    public DeviceReference Metadata { get; }

    /// <summary>The origin device.</summary>
    public DeviceReference Origin { get; }

    /// <summary>The tracking granularity.</summary>
    public Sectors BlockSize { get; }

    /// <inheritdoc />
    public override string TargetType => "era";

    /// <summary>"metadata origin block_size".</summary>
    public override string FormatArguments() => Words.Join(Metadata, Origin, BlockSize);

    /// <summary>Parses "metadata origin block_size".</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static EraTarget Parse(string arguments) =>
        ArgumentReader.Run("era", arguments, r => new EraTarget(r.NextDevice("metadata device"), r.NextDevice("origin device"), r.NextSectors("block size")));
}
