using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm.Devices;
using Sts.Dm.Errors;
using Sts.Dm.Messages;
using Sts.Dm.Status;
using Sts.Dm.Tables;

namespace Sts.Dm.Backends;

/// <summary>
/// What a test needs from device-mapper, whoever drives it: the native ioctl layer
/// (<see cref="Ioctl.IoctlBackend"/>) or the dmsetup tool (<see cref="Dmsetup.DmsetupBackend"/>).
/// Both implementations are held to the same semantics by one contract test suite: the same
/// answers, and the same exception type (and errno) for the same failure. Names and uuids are
/// the user's (unmangled); both backends store them mangled like libdevmapper, so either finds
/// what the other created.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords",
    Justification = "readOnly is the kernel's and DmControl's word; Sts is C# only, no Visual Basic implementer.")]
public interface IDmBackend : IDisposable
{
    /// <summary>A short name for logs and test names: "ioctl" or "dmsetup".</summary>
    string Name { get; }

    /// <summary>
    /// Creates a device, loads its table and resumes it: a live device, or nothing. When the load
    /// or the resume fails, the half-made device is removed before the error is thrown. Returns
    /// once udev has processed the device (when udev runs), so /dev/mapper/&lt;name&gt; exists.
    /// </summary>
    /// <param name="name">The device's name.</param>
    /// <param name="table">Its table.</param>
    /// <param name="uuid">An optional uuid (immutable once set).</param>
    /// <param name="readOnly">Create it read-only.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The live device's info.</returns>
    /// <exception cref="DmNameException">The name or uuid is invalid (too long, '/', reserved).</exception>
    /// <exception cref="DmValidationException">The table holds '#', NUL or a lone surrogate, which the two backends cannot carry alike; nothing was sent.</exception>
    /// <exception cref="DmDeviceExistsException">The name or uuid is taken; the existing device is untouched.</exception>
    /// <exception cref="DmInvalidArgumentException">The kernel refused the table; nothing is left behind.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<DmDeviceInfo> CreateAsync(string name, DmTable table, string? uuid = null, bool readOnly = false,
        CancellationToken cancellationToken = default);

    /// <summary>Loads a table into the device's inactive slot; <see cref="ResumeAsync"/> makes it live.</summary>
    /// <param name="name">The device.</param>
    /// <param name="table">The table.</param>
    /// <param name="readOnly">Load it read-only.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The device's info after the load.</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmValidationException">The table holds '#', NUL or a lone surrogate (see <see cref="CreateAsync"/>); nothing was sent.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmInvalidArgumentException">The kernel refused the table (also when a device it maps does not exist).</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<DmDeviceInfo> LoadAsync(string name, DmTable table, bool readOnly = false, CancellationToken cancellationToken = default);

    /// <summary>Drops the device's inactive table, if any.</summary>
    /// <param name="name">The device.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The device's info.</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<DmDeviceInfo> ClearInactiveAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Suspends the device: new I/O is held until resume.</summary>
    /// <param name="name">The device.</param>
    /// <param name="noFlush">Do not flush queued I/O first.</param>
    /// <param name="skipLockfs">Do not freeze a filesystem on it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The device's info (suspended).</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<DmDeviceInfo> SuspendAsync(string name, bool noFlush = false, bool skipLockfs = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resumes the device, swapping in its inactive table if one is loaded; returns once udev has
    /// processed the uevent, or at once when the kernel raised none (the device was running and had
    /// no inactive table): never a wait for an event that will not come.
    /// </summary>
    /// <param name="name">The device.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The device's info (not suspended).</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmInvalidArgumentException">The device has no table to resume.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<DmDeviceInfo> ResumeAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the device. A device that udev (or blkid) holds open for a moment answers EBUSY;
    /// with <paramref name="attempts"/> above 1 the remove is retried, with a growing pause,
    /// while the device is busy (dmtest-python's retry).
    /// </summary>
    /// <param name="name">The device.</param>
    /// <param name="deferred">When open, remove it at its last close instead of failing.</param>
    /// <param name="attempts">How many times to try while the device is busy; 1 to 50.</param>
    /// <param name="cancellationToken">Cancels the operation (and the pauses between attempts).</param>
    /// <returns>A task that completes when the device is gone (or marked for deferred removal).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is not within 1..50.</exception>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmDeviceBusyException">It is still open after every attempt (and not deferred).</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task RemoveAsync(string name, bool deferred = false, int attempts = 1, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every device whose name starts with <paramref name="prefix"/> (ordinal
    /// comparison), newest (highest minor) first, in passes, so a device stacked on another goes
    /// before it. Meant for a run's leftovers (<c>RunContext.Prefix</c>); a short prefix is
    /// refused so a typo cannot remove the machine's own devices.
    /// </summary>
    /// <param name="prefix">The name prefix; at least <see cref="DmBackendRules.MinimumRemovePrefixLength"/> characters.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The names removed.</returns>
    /// <exception cref="ArgumentException">The prefix is null, empty or too short.</exception>
    /// <exception cref="DmDeviceBusyException">Some devices were still open after every pass; the message names them.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<IReadOnlyList<string>> RemoveByPrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Renames the device; returns once udev has processed the rename.</summary>
    /// <param name="name">The device.</param>
    /// <param name="newName">Its new name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The device's info under its new name.</returns>
    /// <exception cref="DmNameException">A name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmDeviceExistsException">The new name is taken.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<DmDeviceInfo> RenameAsync(string name, string newName, CancellationToken cancellationToken = default);

    /// <summary>Sets the uuid of a device that has none.</summary>
    /// <param name="name">The device.</param>
    /// <param name="uuid">The uuid.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The device's info.</returns>
    /// <exception cref="DmNameException">The name or uuid is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmInvalidArgumentException">The device already has a uuid: uuids are immutable.</exception>
    /// <exception cref="DmDeviceExistsException">Another device has that uuid.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<DmDeviceInfo> SetUuidAsync(string name, string uuid, CancellationToken cancellationToken = default);

    /// <summary>The device's info.</summary>
    /// <param name="name">The device.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Its info.</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<DmDeviceInfo> GetInfoAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The device's info, or null when it does not exist (a device already gone at cleanup).</summary>
    /// <param name="name">The device.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Its info, or null.</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmOperationException">A failure other than "no such device".</exception>
    Task<DmDeviceInfo?> TryGetInfoAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The devices the device's live table uses.</summary>
    /// <param name="name">The device.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Their device numbers, in the kernel's order.</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<IReadOnlyList<DeviceNumber>> GetDependenciesAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The device's live (or inactive) table, typed.</summary>
    /// <param name="name">The device.</param>
    /// <param name="inactive">The inactive table instead of the live one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The table, or null when that slot holds none.</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmParseException">The kernel's table does not parse.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<DmTable?> GetTableAsync(string name, bool inactive = false, CancellationToken cancellationToken = default);

    /// <summary>The live table's status, one typed line per target (<see cref="DmStatus.Parse"/>).</summary>
    /// <param name="name">The device.</param>
    /// <param name="noFlush">Do not flush before reporting (thin-pool: avoids committing metadata).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The lines in order; empty when the device has no live table.</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmParseException">A status does not parse.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<IReadOnlyList<DmStatusLine>> GetStatusAsync(string name, bool noFlush = false, CancellationToken cancellationToken = default);

    /// <summary>Sends a typed message to the target at <paramref name="sector"/>.</summary>
    /// <param name="name">The device.</param>
    /// <param name="message">The message.</param>
    /// <param name="sector">Selects the target; 0 for the first.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The target's answer without trailing newlines, or null when it answered nothing.</returns>
    /// <exception cref="DmValidationException">The text is empty or blank, spans lines, holds a NUL or a lone surrogate, or is longer than
    /// <see cref="DmMessage.MaxBytes"/>: the two backends could not carry it alike; nothing was sent.</exception>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmMessageRefusedException">The target refused the message (or takes none): the errno, the target's
    /// type and the device-mapper lines the kernel logged during the call (its reason), alike from both backends.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<string?> SendMessageAsync(string name, DmMessage message, Sectors sector = default, CancellationToken cancellationToken = default);

    /// <summary>Sends a raw message text to the target at <paramref name="sector"/>.</summary>
    /// <param name="name">The device.</param>
    /// <param name="message">The message text: one non-empty line.</param>
    /// <param name="sector">Selects the target; 0 for the first.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The target's answer without trailing newlines, or null when it answered nothing.</returns>
    /// <exception cref="DmValidationException">The text is empty or blank, spans lines, holds a NUL or a lone surrogate, or is longer than
    /// <see cref="DmMessage.MaxBytes"/>; nothing was sent.</exception>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmMessageRefusedException">The target refused the message (or takes none): the errno, the target's
    /// type and the device-mapper lines the kernel logged during the call (its reason), alike from both backends.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<string?> SendMessageAsync(string name, string message, Sectors sector = default, CancellationToken cancellationToken = default);

    /// <summary>Every device with its uuid, in one kernel call (or one dmsetup process).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The devices, sorted by name (ordinal).</returns>
    /// <exception cref="DmOperationException">The listing failed.</exception>
    Task<IReadOnlyList<DmListedDevice>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Every registered target type with its version.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The targets.</returns>
    /// <exception cref="DmOperationException">The query failed.</exception>
    Task<IReadOnlyList<DmTargetVersion>> ListTargetVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>One target type's version, loading its module if the kernel can.</summary>
    /// <param name="targetType">e.g. "thin-pool".</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The version, or null when the kernel has no such target.</returns>
    /// <exception cref="ArgumentException">The target type is empty.</exception>
    /// <exception cref="DmOperationException">The query failed otherwise.</exception>
    Task<DmTargetVersion?> GetTargetVersionAsync(string targetType, CancellationToken cancellationToken = default);

    /// <summary>The kernel driver's interface version, e.g. 4.47.0.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The version.</returns>
    /// <exception cref="DmOperationException">The query failed.</exception>
    Task<Version> GetDriverVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Waits until the device's event number differs from <paramref name="afterEvent"/>; returns at once when it already does.</summary>
    /// <param name="name">The device.</param>
    /// <param name="afterEvent">The event number seen last.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The device's info once the event has happened.</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="OperationCanceledException">Cancelled first.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    Task<DmDeviceInfo> WaitForEventAsync(string name, uint afterEvent, CancellationToken cancellationToken = default);
}

/// <summary>Rules both backends share, so that they cannot drift apart.</summary>
internal static class DmBackendRules
{
    /// <summary>The shortest prefix <see cref="IDmBackend.RemoveByPrefixAsync"/> accepts ("sts-" alone would reach other runs' devices).</summary>
    public const int MinimumRemovePrefixLength = 8;

    /// <summary>The most attempts <see cref="IDmBackend.RemoveAsync"/> takes.</summary>
    public const int MaximumRemoveAttempts = 50;

    internal static void ValidateAttempts(int attempts) =>
        ArgumentOutOfRangeException.ThrowIfNotEqual(attempts is >= 1 and <= MaximumRemoveAttempts, true, nameof(attempts));

    internal static string? NullIfEmpty(string? response) =>
        response?.TrimEnd('\n') is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>
    /// Sends a message and, when the target refuses it, completes the refusal with what the errno
    /// does not say: the type of the target at the sector and the lines the kernel logged during
    /// the call. One path for both backends, so they report a refusal alike.
    /// </summary>
    /// <param name="backend">The backend, to read the device's table after a refusal.</param>
    /// <param name="name">The device.</param>
    /// <param name="message">The message, checked here for both backends (<see cref="DmCarriableText.EnsureMessage"/>).</param>
    /// <param name="sector">The sector that selects the target.</param>
    /// <param name="readKernelLog">Read this machine's kernel log (false when the message runs on another machine).</param>
    /// <param name="send">Sends the message once.</param>
    /// <param name="cancellationToken">Cancels the table lookup.</param>
    internal static async Task<string?> SendMessageAsync(IDmBackend backend, string name, DmMessage message, Sectors sector, bool readKernelLog,
        Func<Task<string?>> send, CancellationToken cancellationToken)
    {
        DmCarriableText.EnsureMessage(message.Text); // a typed message is built by its constructor, not Raw
        using var window = readKernelLog ? DmKernelLogWindow.Open() : null;
        try
        {
            return NullIfEmpty(await send().ConfigureAwait(false));
        }
        catch (DmMessageRefusedException refused)
        {
            var reason = window?.ReadDeviceMapperLines();
            throw refused.WithContext(await TryTargetTypeAsync(backend, name, sector, cancellationToken).ConfigureAwait(false), reason);
        }
    }

    private static async Task<string?> TryTargetTypeAsync(IDmBackend backend, string name, Sectors sector, CancellationToken cancellationToken)
    {
        try
        {
            var table = await backend.GetTableAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return table?.Lines.FirstOrDefault(line => line.Start.Count <= sector.Count && sector.Count < line.Start.Count + line.Length.Count)
                ?.Target.TargetType;
        }
        catch (DmOperationException)
        {
            return null; // gone meanwhile: the refusal is the news, the type is a detail
        }
        catch (DmParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// Loads a table, telling the two meanings of ENXIO apart: the kernel answers "no such device"
    /// both when the device named does not exist and when a device its table maps does not (0:0, a
    /// number nothing has). When the named device exists, the table was refused:
    /// <see cref="DmInvalidArgumentException"/>, as from create.
    /// </summary>
    /// <param name="backend">The backend, to ask whether the device exists.</param>
    /// <param name="name">The device.</param>
    /// <param name="table">The table, for the message.</param>
    /// <param name="load">Loads it once.</param>
    /// <param name="cancellationToken">Cancels the existence check.</param>
    internal static async Task<DmDeviceInfo> LoadAsync(IDmBackend backend, string name, DmTable table, Func<Task<DmDeviceInfo>> load,
        CancellationToken cancellationToken)
    {
        try
        {
            return await load().ConfigureAwait(false);
        }
        catch (DmDeviceNotFoundException notFound) when (notFound.Operation == "table load")
        {
            if (await backend.TryGetInfoAsync(name, cancellationToken).ConfigureAwait(false) is null)
            {
                throw;
            }

            throw new DmInvalidArgumentException(notFound.Operation, notFound.Device, notFound.Errno,
                $"{notFound.Message} The device exists, so a device its table maps does not. Table: {string.Join("; ", table.Lines)}");
        }
    }

    /// <summary>Runs one remove, retrying while the device is busy, pausing 100 ms, 200 ms, … up to 1 s between tries.</summary>
    internal static async Task RemoveWithRetriesAsync(Func<Task> removeOnce, int attempts, CancellationToken cancellationToken)
    {
        ValidateAttempts(attempts);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await removeOnce().ConfigureAwait(false);
                return;
            }
            catch (DmDeviceBusyException) when (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 1000)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static async Task<IReadOnlyList<string>> RemoveByPrefixAsync(IDmBackend backend, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length < MinimumRemovePrefixLength)
        {
            throw new ArgumentException(
                $"Refusing to remove every device named \"{prefix}*\": a prefix needs at least {MinimumRemovePrefixLength} characters (use RunContext.Prefix).",
                nameof(prefix));
        }

        var pending = (await backend.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(device => device.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(device => device.DeviceNumber.Minor)
            .Select(device => device.Name)
            .ToList();
        var removed = new List<string>();
        // A device held by another of the same prefix is busy until its holder is gone: passes
        // remove the holders first, then what they held.
        for (var pass = 1; pending.Count > 0 && pass <= 5; pass++)
        {
            var stillBusy = new List<string>();
            foreach (var name in pending)
            {
                try
                {
                    await backend.RemoveAsync(name, attempts: 3, cancellationToken: cancellationToken).ConfigureAwait(false);
                    removed.Add(name);
                }
                catch (DmDeviceNotFoundException)
                {
                    // gone already: someone else removed it
                }
                catch (DmDeviceBusyException)
                {
                    stillBusy.Add(name);
                }
            }

            pending = stillBusy;
        }

        if (pending.Count > 0)
        {
            throw new DmDeviceBusyException("remove by prefix", pending[0], Errno.EBUSY,
                $"{pending.Count} device(s) named \"{prefix}*\" are still open and were not removed: {string.Join(", ", pending.Select(n => $"\"{n}\""))}.");
        }

        return removed;
    }
}
