using Sts.Core.Parsing;
using System.Globalization;

namespace Sts.Dm.Stats;

/// <summary>
/// A dm-stats region id: the non-negative <c>int</c> the kernel hands out on <c>@stats_create</c>,
/// lowest free first (drivers/md/dm-stats.c, dm_stats_create), unique per device only.
/// </summary>
public readonly record struct DmStatsRegionId
{
    private DmStatsRegionId(int value) => Value = value;

    /// <summary>The id's number.</summary>
    public int Value { get; }

    /// <summary>Creates an id.</summary>
    /// <param name="value">0 or more.</param>
    /// <returns>The id.</returns>
    /// <exception cref="DmValidationException">The value is negative: the kernel refuses it.</exception>
    public static DmStatsRegionId FromValue(int value) =>
        value >= 0 ? new DmStatsRegionId(value) : throw new DmValidationException("region id", $"A dm-stats region id is 0 or more, not {value}.");

    /// <summary>Parses the kernel's decimal id (the answer to <c>@stats_create</c>).</summary>
    /// <param name="text">Digits only.</param>
    /// <returns>The id.</returns>
    /// <exception cref="DmParseException">The text is not a non-negative 32-bit integer.</exception>
    public static DmStatsRegionId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AsciiNumber.TryParseNonNegativeInt32(text, out var value)
            ? new DmStatsRegionId(value)
            : throw new DmParseException("@stats_create", text, "the answer is not a region id (a non-negative 32-bit integer)");
    }

    /// <summary>The id as the kernel writes it.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
