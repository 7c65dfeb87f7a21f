using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>integrity's status: "mismatches provided_data_sectors recalculate_sector|-" (Documentation/admin-guide/device-mapper/dm-integrity.rst).</summary>
/// <param name="Mismatches">Integrity mismatches seen.</param>
/// <param name="ProvidedDataSectors">Sectors available to the user.</param>
/// <param name="RecalculatePosition">Where recalculation has reached, or null ("-") when not recalculating.</param>
public sealed record IntegrityStatus(ulong Mismatches, Sectors ProvidedDataSectors, Sectors? RecalculatePosition) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "integrity";

    /// <summary>The status as dm-integrity writes it.</summary>
    public override string Format() => Words.Join(Mismatches, ProvidedDataSectors, RecalculatePosition?.ToString() ?? "-");

    internal static IntegrityStatus Read(ArgumentReader r)
    {
        var mismatches = r.NextUInt64("mismatches");
        var provided = r.NextSectors("provided data sectors");
        var recalc = r.Peek() == "-" ? (Sectors?)null : r.NextSectors("recalculate sector");
        if (recalc is null)
        {
            r.Next("recalculate sector");
        }

        return new IntegrityStatus(mismatches, provided, recalc);
    }
}
