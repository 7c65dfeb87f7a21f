using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>striped: RAID-0 across legs in chunks (Documentation/admin-guide/device-mapper/striped.rst).</summary>
public sealed record StripedTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="chunkSize">Sectors written to one leg before moving to the next; more than 0.</param>
    /// <param name="legs">The legs, at least one.</param>
    /// <exception cref="DmValidationException">No legs, or a zero chunk size.</exception>
    public StripedTarget(Sectors chunkSize, ValueList<DeviceLocation> legs)
    {
        ChunkSize = Require.Positive(chunkSize, "chunk size");
        Legs = Require.NotNull(legs, "legs");
        Require.That(legs.Count > 0, "legs", "A striped target needs at least one leg.");
    }

    /// <summary>Sectors written to one leg before moving to the next.</summary>
    public Sectors ChunkSize { get; }

    /// <summary>The legs, in stripe order.</summary>
    public ValueList<DeviceLocation> Legs { get; }

    /// <inheritdoc />
    public override string TargetType => "striped";

    /// <summary>"#stripes chunk_size device offset ...".</summary>
    public override string FormatArguments() => Words.Join(Legs.Count, ChunkSize, string.Join(' ', Legs));

    /// <summary>dm-stripe refuses a length that is not a whole number of chunks on every leg.</summary>
    /// <param name="length">The line length.</param>
    /// <exception cref="DmValidationException">The length is not a multiple of stripes × chunk size.</exception>
    public override void ValidateLength(Sectors length)
    {
        Require.That(length.Count % Legs.Count == 0, "length", $"A striped length ({length}) must be divisible by the number of stripes ({Legs.Count}).");
        Require.That(length.Count / Legs.Count % ChunkSize.Count == 0, "length", $"A striped length ({length}) per stripe must be divisible by the chunk size ({ChunkSize}).");
    }

    /// <summary>Parses "#stripes chunk_size device offset ...".</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static StripedTarget Parse(string arguments) =>
        ArgumentReader.Run("striped", arguments, r =>
        {
            var stripes = r.NextUInt32("number of stripes");
            var chunk = r.NextSectors("chunk size");
            var legs = new List<DeviceLocation>();
            for (var i = 0; i < stripes; i++)
            {
                legs.Add(DeviceLocation.Read(r));
            }

            return new StripedTarget(chunk, new ValueList<DeviceLocation>(legs));
        });
}
