using Sts.Core;
using Sts.Dm.Errors;

namespace Sts.Dm.Stats;

/// <summary>
/// The device has no dm-stats region with the id: the kernel answered ENOENT to
/// <c>@stats_print</c>, <c>@stats_clear</c>, <c>@stats_delete</c> or <c>@stats_set_aux</c>
/// (or the region was missing from <c>@stats_list</c>).
/// </summary>
public sealed class DmStatsRegionNotFoundException : DmOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The message, e.g. "@stats_print".</param>
    /// <param name="device">The device's name.</param>
    /// <param name="regionId">The missing region.</param>
    /// <param name="innerException">The backend's failure, if any.</param>
    public DmStatsRegionNotFoundException(string operation, string device, DmStatsRegionId regionId, Exception? innerException = null)
        : base(operation, device, Errno.ENOENT, $"Device '{device}' has no dm-stats region {regionId} ({operation}).", innerException) =>
        RegionId = regionId;

    /// <summary>The missing region.</summary>
    public DmStatsRegionId RegionId { get; }
}
