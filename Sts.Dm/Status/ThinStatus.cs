using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>A thin device's status: "mapped_sectors highest_mapped_sector|-". A thin of a failed pool parses as <see cref="FailedStatus"/>.</summary>
/// <param name="MappedSectors">Sectors provisioned for this thin device.</param>
/// <param name="HighestMappedSector">The last sector of the highest mapped block, or null ("-") when nothing is mapped.</param>
public sealed record ThinStatus(Sectors MappedSectors, Sectors? HighestMappedSector) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "thin";

    /// <summary>"mapped highest|-".</summary>
    public override string Format() => $"{MappedSectors} {HighestMappedSector?.ToString() ?? "-"}";

    internal static ThinStatus Read(ArgumentReader r)
    {
        var mapped = r.NextSectors("mapped sectors");
        var highest = r.Peek() == "-" ? (Sectors?)null : r.NextSectors("highest mapped sector");
        if (highest is null)
        {
            r.Next("highest mapped sector");
        }

        return new ThinStatus(mapped, highest);
    }
}
