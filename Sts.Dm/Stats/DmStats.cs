using Sts.Core.Units;
using Sts.Dm.Backends;
using Sts.Dm.Errors;
using Sts.Dm.Messages;

namespace Sts.Dm.Stats;

/// <summary>
/// dm-stats on one device (Documentation/admin-guide/device-mapper/statistics.rst): regions
/// created, listed, printed, cleared and deleted through device-mapper messages, with typed
/// answers, whichever backend sends them. The usual test reads "sample, do I/O, sample, diff":
/// <code>
/// var stats = new DmStats(backend, name);
/// var id = await stats.CreateRegionAsync(DmStatsRegionSpec.WholeDevice(DmStatsStep.Count(4)));
/// var region = await stats.GetRegionAsync(id);
/// var before = await stats.SampleAsync(region);
/// // … I/O …
/// var interval = (await stats.SampleAsync(region)).Since(before);
/// interval.Counters.SectorsWritten … interval.Metrics.Utilization …
/// </code>
/// Regions live as long as the device (or until deleted); removing the device removes them.
/// </summary>
public sealed class DmStats
{
    /// <summary>Binds to a device.</summary>
    /// <param name="backend">The backend that sends the messages.</param>
    /// <param name="deviceName">The device's name.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public DmStats(IDmBackend backend, string deviceName)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentException.ThrowIfNullOrEmpty(deviceName);
        Backend = backend;
        DeviceName = deviceName;
    }

    /// <summary>The backend.</summary>
    public IDmBackend Backend { get; }

    /// <summary>The device's name.</summary>
    public string DeviceName { get; }

    /// <summary>Creates a region (@stats_create). The kernel briefly suspends the device so the new counters start exact.</summary>
    /// <param name="spec">The region.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new region's id.</returns>
    /// <exception cref="ArgumentNullException">The spec is null (specs check their values when built, so a bad one never gets here).</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmInvalidArgumentException">The kernel refused the region (its log says "Invalid parameters for message @stats_create").</exception>
    /// <exception cref="DmParseException">The kernel's answer is not a region id.</exception>
    /// <exception cref="DmOperationException">Another failure (ENOMEM: dm-stats may use at most a quarter of RAM).</exception>
    public async Task<DmStatsRegionId> CreateRegionAsync(DmStatsRegionSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var answer = await SendAsync(DmStatsMessages.Create(spec), null, cancellationToken).ConfigureAwait(false);
        return DmStatsRegionId.Parse(answer ?? "");
    }

    /// <summary>Deletes a region (@stats_delete).</summary>
    /// <param name="id">The region.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the region is gone.</returns>
    /// <exception cref="DmStatsRegionNotFoundException">The device has no such region.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public Task DeleteRegionAsync(DmStatsRegionId id, CancellationToken cancellationToken = default) =>
        SendAsync(DmStatsMessages.Delete(id), id, cancellationToken);

    /// <summary>Deletes a region if it (and the device) still exist: for cleanup.</summary>
    /// <param name="id">The region.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when a region was deleted, false when it or the device was already gone.</returns>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public async Task<bool> TryDeleteRegionAsync(DmStatsRegionId id, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteRegionAsync(id, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is DmStatsRegionNotFoundException or DmDeviceNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Zeroes a region's counters, all but in-flight (@stats_clear).</summary>
    /// <param name="id">The region.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the counters are cleared.</returns>
    /// <exception cref="DmStatsRegionNotFoundException">The device has no such region.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public Task ClearRegionAsync(DmStatsRegionId id, CancellationToken cancellationToken = default) =>
        SendAsync(DmStatsMessages.Clear(id), id, cancellationToken);

    /// <summary>Replaces a region's aux data (@stats_set_aux).</summary>
    /// <param name="id">The region.</param>
    /// <param name="auxData">One word (no whitespace, control characters or '\'), or null for none.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the aux data is stored.</returns>
    /// <exception cref="DmValidationException">The aux data would not list back as given; nothing was sent.</exception>
    /// <exception cref="DmStatsRegionNotFoundException">The device has no such region.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public Task SetAuxAsync(DmStatsRegionId id, string? auxData, CancellationToken cancellationToken = default) =>
        SendAsync(DmStatsMessages.SetAux(id, auxData), id, cancellationToken);

    /// <summary>Lists the device's regions (@stats_list).</summary>
    /// <param name="programId">Only this program's regions; null for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The regions by id; empty when there are none.</returns>
    /// <exception cref="DmValidationException">The program id is not a word dm-stats can store; nothing was sent.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmParseException">The answer does not parse.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public async Task<IReadOnlyList<DmStatsRegion>> ListRegionsAsync(string? programId = null, CancellationToken cancellationToken = default) =>
        DmStatsRegion.ParseList(await SendAsync(DmStatsMessages.List(programId), null, cancellationToken).ConfigureAwait(false));

    /// <summary>One region, from @stats_list.</summary>
    /// <param name="id">The region.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The region.</returns>
    /// <exception cref="DmStatsRegionNotFoundException">The device has no such region.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmParseException">The answer does not parse.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public async Task<DmStatsRegion> GetRegionAsync(DmStatsRegionId id, CancellationToken cancellationToken = default) =>
        (await ListRegionsAsync(null, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Id == id)
        ?? throw new DmStatsRegionNotFoundException("@stats_list", DeviceName, id);

    /// <summary>Prints a region's areas (@stats_print), or prints and clears them in one step (@stats_print_clear).</summary>
    /// <param name="id">The region.</param>
    /// <param name="firstArea">The first area to print, or null for all.</param>
    /// <param name="areaCount">How many areas, or null for all from <paramref name="firstArea"/> on.</param>
    /// <param name="clear">Clear the printed areas' counters (all but in-flight) atomically with the print.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The areas; empty when the selection is past the last area.</returns>
    /// <exception cref="DmValidationException">A negative area or count; nothing was sent.</exception>
    /// <exception cref="DmStatsRegionNotFoundException">The device has no such region.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmParseException">The answer does not parse.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public async Task<IReadOnlyList<DmStatsArea>> PrintAsync(DmStatsRegionId id, long? firstArea = null, long? areaCount = null, bool clear = false,
        CancellationToken cancellationToken = default) =>
        DmStatsArea.ParseAll(await SendAsync(DmStatsMessages.Print(id, firstArea, areaCount, clear), id, cancellationToken).ConfigureAwait(false));

    /// <summary>Prints every area of a region, timestamped on the monotonic clock, for <see cref="DmStatsSample.Since"/>.</summary>
    /// <param name="region">The region (from <see cref="GetRegionAsync"/> or <see cref="ListRegionsAsync"/>).</param>
    /// <param name="clear">Clear the counters with the print (@stats_print_clear); the next sample is then <see cref="DmStatsSample.SinceCleared"/> this one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The sample.</returns>
    /// <exception cref="DmStatsRegionNotFoundException">The device has no such region.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmParseException">The answer does not parse, or does not match the region (another region now has its id).</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public async Task<DmStatsSample> SampleAsync(DmStatsRegion region, bool clear = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(region);
        var sent = DmStatsSample.NowNs();
        var answer = await SendAsync(DmStatsMessages.Print(region.Id, clear: clear), region.Id, cancellationToken).ConfigureAwait(false);
        var received = DmStatsSample.NowNs();
        var areas = DmStatsArea.ParseAll(answer);
        try
        {
            return new DmStatsSample(region, areas, sent + ((received - sent) / 2));
        }
        catch (ArgumentException ex)
        {
            throw new DmParseException("@stats_print", answer ?? "", $"the answer does not match region {region.Format()}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is OverflowException or InvalidSizeException)
        {
            // Each area parsed, but their sum (the region's total) does not fit 64 bits.
            throw new DmParseException("@stats_print", answer ?? "", $"the areas' counters add up past 64 bits: {ex.Message}", ex);
        }
    }

    private async Task<string?> SendAsync(DmMessage message, DmStatsRegionId? id, CancellationToken cancellationToken)
    {
        try
        {
            return await Backend.SendMessageAsync(DeviceName, message, default, cancellationToken).ConfigureAwait(false);
        }
        catch (DmOperationException ex) when (id is { } region && ex.Errno == ENOENT && ex is not DmStatsRegionNotFoundException)
        {
            // dm-stats answers ENOENT for a region id it does not have (__dm_stats_find); a
            // missing device is ENXIO and stays DmDeviceNotFoundException.
            throw new DmStatsRegionNotFoundException(message.Text.Split(' ')[0], DeviceName, region, ex);
        }
    }

    private const int ENOENT = 2;
}
