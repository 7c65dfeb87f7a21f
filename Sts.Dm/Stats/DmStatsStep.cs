using System.Globalization;
using Sts.Core.Units;

namespace Sts.Dm.Stats;

/// <summary>
/// How <c>@stats_create</c> divides a region into areas: a fixed area size in sectors, or a
/// number of areas ("/N"). For "/N" the kernel takes the area size as ceil(length / N), so a
/// region can end up with fewer than N areas (9 sectors in /4 gives areas of 3: three areas);
/// <see cref="DmStatsRegion.AreaCount"/> is the number the kernel really made.
/// </summary>
public sealed record DmStatsStep
{
    private DmStatsStep(Sectors? areaSize, uint? areaCount)
    {
        AreaSize = areaSize;
        AreaCount = areaCount;
    }

    /// <summary>The area size, or null when the step is a count.</summary>
    public Sectors? AreaSize { get; }

    /// <summary>The requested number of areas, or null when the step is a size.</summary>
    public uint? AreaCount { get; }

    /// <summary>One area for the whole range ("/1").</summary>
    public static DmStatsStep OneArea { get; } = new(null, 1);

    /// <summary>Areas of a fixed size; the last one may be shorter.</summary>
    /// <param name="size">More than 0 sectors.</param>
    /// <returns>The step.</returns>
    /// <exception cref="DmValidationException">The size is 0.</exception>
    public static DmStatsStep Size(Sectors size) =>
        size.Count > 0 ? new DmStatsStep(size, null) : throw new DmValidationException("area size", "A dm-stats area size must be more than 0 sectors.");

    /// <summary>The range divided into <paramref name="count"/> areas ("/N").</summary>
    /// <param name="count">1 or more (the kernel reads it as an unsigned 32-bit number).</param>
    /// <returns>The step.</returns>
    /// <exception cref="DmValidationException">The count is 0 or more than <see cref="uint.MaxValue"/>.</exception>
    public static DmStatsStep Count(long count) =>
        count is > 0 and <= uint.MaxValue
            ? new DmStatsStep(null, (uint)count)
            : throw new DmValidationException("area count", $"A dm-stats area count must be within 1..{uint.MaxValue}, not {count}.");

    /// <summary>The step as <c>@stats_create</c> takes it: "&lt;sectors&gt;" or "/&lt;count&gt;".</summary>
    public override string ToString() =>
        AreaSize is { } size ? size.ToString() : "/" + AreaCount!.Value.ToString(CultureInfo.InvariantCulture);
}
