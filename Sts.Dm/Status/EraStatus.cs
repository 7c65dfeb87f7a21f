using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>era's status: "metadata_block_size used/total_metadata_blocks current_era held_root|-" (Documentation/admin-guide/device-mapper/era.rst).</summary>
/// <param name="MetadataBlockSize">The metadata block size.</param>
/// <param name="UsedMetadataBlocks">Used metadata blocks.</param>
/// <param name="TotalMetadataBlocks">Total metadata blocks.</param>
/// <param name="CurrentEra">The current era.</param>
/// <param name="HeldMetadataRoot">The held metadata snapshot's root, or null for "-".</param>
public sealed record EraStatus(Sectors MetadataBlockSize, ulong UsedMetadataBlocks, ulong TotalMetadataBlocks, uint CurrentEra, ulong? HeldMetadataRoot) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "era";

    /// <summary>The status as dm-era writes it.</summary>
    public override string Format() =>
        Words.Join(MetadataBlockSize, $"{UsedMetadataBlocks}/{TotalMetadataBlocks}", CurrentEra,
            HeldMetadataRoot?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");

    internal static EraStatus Read(ArgumentReader r)
    {
        var blockSize = r.NextSectors("metadata block size");
        var (used, total) = r.NextRatio("metadata blocks");
        var era = r.NextUInt32("current era");
        var held = r.Peek() == "-" ? (ulong?)null : r.NextUInt64("held metadata root");
        if (held is null)
        {
            r.Next("held metadata root");
        }

        return new EraStatus(blockSize, used, total, era, held);
    }
}
