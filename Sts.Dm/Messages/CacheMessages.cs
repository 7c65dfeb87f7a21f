using System.Globalization;

namespace Sts.Dm.Messages;

/// <summary>cache messages (Documentation/admin-guide/device-mapper/cache.rst).</summary>
public static class CacheMessages
{
    /// <summary>"invalidate_cblocks range..." (passthrough mode only); a range is [first, end) and a single block has end = first + 1.</summary>
    /// <param name="ranges">The cache block ranges; at least one, each non-empty.</param>
    /// <returns>The message.</returns>
    /// <exception cref="DmValidationException">No ranges, or an empty range.</exception>
    public static DmMessage InvalidateCblocks(params (ulong First, ulong End)[] ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        if (ranges.Length == 0 || ranges.Any(r => r.End <= r.First))
        {
            throw new DmValidationException("cache block range", "invalidate_cblocks needs at least one non-empty range [first, end).");
        }

        return new DmMessage("invalidate_cblocks " + string.Join(' ', ranges.Select(r =>
            r.End == r.First + 1 ? r.First.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{r.First}-{r.End}"))));
    }

    /// <summary>"key value", e.g. migration_threshold 2048.</summary>
    /// <param name="key">The key, one word.</param>
    /// <param name="value">The value, one word.</param>
    /// <returns>The message.</returns>
    /// <exception cref="DmValidationException">Either is not one word.</exception>
    public static DmMessage Set(string key, string value) => new(new Targets.CachePolicySetting(key, value).ToString());
}
