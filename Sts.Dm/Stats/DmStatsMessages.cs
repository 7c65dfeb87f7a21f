using System.Globalization;
using Sts.Dm.Messages;

namespace Sts.Dm.Stats;

/// <summary>
/// The dm-stats messages (Documentation/admin-guide/device-mapper/statistics.rst). Device-mapper
/// itself answers them, whatever the target: they can go to any device with a table.
/// </summary>
public static class DmStatsMessages
{
    /// <summary>"@stats_create &lt;range&gt; &lt;step&gt; […]"; the kernel answers the new region's id.</summary>
    /// <param name="spec">The region.</param>
    /// <returns>The message.</returns>
    public static DmMessage Create(DmStatsRegionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new DmMessage("@stats_create " + spec.FormatArguments());
    }

    /// <summary>"@stats_delete &lt;id&gt;".</summary>
    /// <param name="id">The region.</param>
    /// <returns>The message.</returns>
    public static DmMessage Delete(DmStatsRegionId id) => new($"@stats_delete {id}");

    /// <summary>"@stats_clear &lt;id&gt;": zeroes every counter but in-flight.</summary>
    /// <param name="id">The region.</param>
    /// <returns>The message.</returns>
    public static DmMessage Clear(DmStatsRegionId id) => new($"@stats_clear {id}");

    /// <summary>"@stats_list [&lt;program id&gt;]".</summary>
    /// <param name="programId">Only this program's regions; null for all.</param>
    /// <returns>The message.</returns>
    /// <exception cref="DmValidationException">The program id is not a word dm-stats can store.</exception>
    public static DmMessage List(string? programId = null) =>
        new(programId is null ? "@stats_list" : "@stats_list " + DmStatsWords.Check(programId, "program id"));

    /// <summary>"@stats_print[_clear] &lt;id&gt; [&lt;first line&gt; &lt;lines&gt;]".</summary>
    /// <param name="id">The region.</param>
    /// <param name="firstArea">The first area (line) to print, or null for all areas.</param>
    /// <param name="areaCount">How many areas, or null for all from <paramref name="firstArea"/> on.</param>
    /// <param name="clear">Clear the printed areas' counters in the same step (@stats_print_clear).</param>
    /// <returns>The message.</returns>
    /// <exception cref="DmValidationException">A negative area or count.</exception>
    public static DmMessage Print(DmStatsRegionId id, long? firstArea = null, long? areaCount = null, bool clear = false)
    {
        if (firstArea < 0 || areaCount < 0)
        {
            throw new DmValidationException("areas", $"dm-stats print lines are counted from 0: first {firstArea}, count {areaCount}.");
        }

        var verb = clear ? "@stats_print_clear" : "@stats_print";
        if (firstArea is null && areaCount is null)
        {
            return new DmMessage($"{verb} {id}");
        }

        // "-" is the kernel's word for "from the start" and "to the end".
        return new DmMessage(string.Create(CultureInfo.InvariantCulture,
            $"{verb} {id} {(firstArea is { } f ? f.ToString(CultureInfo.InvariantCulture) : "-")} {(areaCount is { } n ? n.ToString(CultureInfo.InvariantCulture) : "-")}"));
    }

    /// <summary>"@stats_set_aux &lt;id&gt; &lt;aux data&gt;".</summary>
    /// <param name="id">The region.</param>
    /// <param name="auxData">The new aux data, or null for none (the kernel's "-").</param>
    /// <returns>The message.</returns>
    /// <exception cref="DmValidationException">The aux data is not a word dm-stats can store and list back.</exception>
    public static DmMessage SetAux(DmStatsRegionId id, string? auxData) =>
        new($"@stats_set_aux {id} {(auxData is null ? "-" : DmStatsWords.Check(auxData, "aux data"))}");
}
