using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Safety;
using Sts.Core.Units;
using Sts.Dm.Backends;
using Sts.Dm.Errors;
using Sts.Dm.Messages;
using Sts.Dm.Naming;
using Sts.Dm.Status;
using Sts.Dm.Tables;

namespace Sts.Dm.Devices;

/// <summary>
/// Any device-mapper device on the machine, as a <see cref="BlockDevice"/> (node /dev/dm-N, size,
/// holders, reads and writes) that reads its info, tables, typed status, dependencies and event
/// number through a backend. Open one by name, kernel name, uuid or major:minor, or list them all.
/// Reading is always allowed. Changing or destroying it (suspend, resume, load, reload, clear,
/// rename, set uuid, message, remove, writes) is allowed only when <see cref="DeviceGuard"/>
/// admits it for the run (a device the run created, or a listed test disk), and is refused with
/// <see cref="UnsafeOperationException"/> otherwise, before anything reaches the kernel.
/// <para>Lifetime: a device this object created (<see cref="CreateAsync"/>) can be ended in a
/// scope, <c>await using var dm = await DmDevice.CreateAsync(...)</c>: disposing removes it. A
/// device opened by name, kernel name, number, uuid or listing is never removed by disposing,
/// even when the run owns it: only the object that created a device ends it (see
/// <see cref="DisposeAsync"/>).</para>
/// </summary>
/// <example><code>
/// foreach (var dm in await DmDevice.GetAllAsync()) Console.WriteLine($"{dm.Name} {dm.KernelName} {dm.Size}");
/// var pool = await DmDevice.GetByNameAsync("vg-pool-tpool");
/// ThinPoolStatus status = await pool.StatusAsync&lt;ThinPoolStatus&gt;();
/// DmTable? table = await pool.TableAsync();
/// await pool.SuspendAsync(); // UnsafeOperationException: not the run's device
/// </code></example>
public sealed partial class DmDevice : BlockDevice, IAsyncDisposable
{
    private readonly RunContext? _run;
    private readonly bool _createdHere;
    private DmTable? _table;

    private DmDevice(IDmBackend backend, RunContext? run, DmDeviceInfo info, DmTable? table, bool createdHere = false)
        : base($"/dev/{info.KernelName}")
    {
        _createdHere = createdHere;
        Backend = backend;
        _run = run;
        Name = info.Name;
        Uuid = info.Uuid;
        DeviceNumber = info.DeviceNumber;
        _table = table;
    }

    /// <summary>The backend every device-mapper call of this device goes through.</summary>
    public IDmBackend Backend { get; }

    /// <summary>The run whose ownership decides what may change the device.</summary>
    public RunContext Run => _run ?? RunContext.Current;

    /// <summary>The device's name (follows <see cref="RenameAsync"/>).</summary>
    public string Name { get; private set; }

    /// <summary>The device's uuid, or null.</summary>
    public string? Uuid { get; private set; }

    /// <summary>major:minor, as the kernel reported it when the device was opened; use it in tables stacked on this device.</summary>
    public override DeviceNumber DeviceNumber { get; }

    /// <summary>The device's /dev/mapper node (present when udev runs or dmsetup made it).</summary>
    public string MapperPath => $"/dev/mapper/{Name}";

    /// <summary>The live table when the device was opened, or the table last loaded through this object.</summary>
    /// <exception cref="InvalidOperationException">The device had no live table when opened and none was loaded since.</exception>
    public DmTable Table => _table ?? throw new InvalidOperationException($"{Name} had no live table when it was opened; read one with TableAsync.");

    /// <summary>The device's length, from <see cref="Table"/>.</summary>
    /// <exception cref="InvalidOperationException">No table is known (see <see cref="Table"/>).</exception>
    public Sectors Length => Table.Length;

    /// <summary>True once removed through this object.</summary>
    public bool IsRemoved { get; private set; }

    /// <summary>True when this object created the device (<see cref="CreateAsync"/>), so disposing it removes the device; false for a device opened by name, number, uuid or listing.</summary>
    public bool IsCreatedHere => _createdHere;

    /// <summary>The device as a table argument (major:minor).</summary>
    public DeviceReference Reference => DeviceReference.FromNumber(DeviceNumber);

    /// <summary>Every device-mapper device on the machine, in name order.</summary>
    /// <param name="backend">The backend; null for <see cref="DefaultDmBackend.Shared"/>.</param>
    /// <param name="run">The run whose ownership decides what may change them; null for <see cref="RunContext.Current"/> (resolved at the first change).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The devices; one removed while listing is left out.</returns>
    /// <exception cref="DmOperationException">The listing failed.</exception>
    /// <exception cref="DmParseException">A live table did not parse.</exception>
    public static async Task<IReadOnlyList<DmDevice>> GetAllAsync(IDmBackend? backend = null, RunContext? run = null,
        CancellationToken cancellationToken = default)
    {
        backend ??= DefaultDmBackend.Shared;
        var devices = new List<DmDevice>();
        foreach (var listed in await backend.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await OpenOrNullAsync(backend, run, listed.Name, cancellationToken).ConfigureAwait(false) is { } device)
            {
                devices.Add(device);
            }
        }

        return devices;
    }

    /// <summary>Opens the device with this name.</summary>
    /// <param name="name">The device-mapper name (as in /dev/mapper).</param>
    /// <param name="backend">The backend; null for <see cref="DefaultDmBackend.Shared"/>.</param>
    /// <param name="run">The run whose ownership decides what may change it; null for <see cref="RunContext.Current"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The device.</returns>
    /// <exception cref="DmNameException">The name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public static async Task<DmDevice> GetByNameAsync(string name, IDmBackend? backend = null, RunContext? run = null,
        CancellationToken cancellationToken = default) =>
        await TryGetByNameAsync(name, backend, run, cancellationToken).ConfigureAwait(false)
        ?? throw new DmDeviceNotFoundException("open", name, Errno.ENXIO, $"There is no device-mapper device named \"{name}\".");

    /// <summary>Opens the device with this name, or returns null when there is none.</summary>
    /// <param name="name">The device-mapper name.</param>
    /// <param name="backend">The backend; null for <see cref="DefaultDmBackend.Shared"/>.</param>
    /// <param name="run">The run whose ownership decides what may change it; null for <see cref="RunContext.Current"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The device, or null.</returns>
    /// <exception cref="DmNameException">The name is invalid (empty, reserved, containing '/', too long, …).</exception>
    /// <exception cref="DmOperationException">A failure other than "no such device".</exception>
    public static Task<DmDevice?> TryGetByNameAsync(string name, IDmBackend? backend = null, RunContext? run = null,
        CancellationToken cancellationToken = default)
    {
        DmNames.ToKernelName(name); // the backends check it too; an empty name is a bad name, not a bad argument
        return OpenOrNullAsync(backend ?? DefaultDmBackend.Shared, run, name, cancellationToken);
    }

    /// <summary>Opens the device by its kernel name, e.g. "dm-3".</summary>
    /// <param name="kernelName">The name under /sys/class/block.</param>
    /// <param name="backend">The backend; null for <see cref="DefaultDmBackend.Shared"/>.</param>
    /// <param name="run">The run whose ownership decides what may change it; null for <see cref="RunContext.Current"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The device.</returns>
    /// <exception cref="DmDeviceNotFoundException">No device-mapper device has that kernel name.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public static Task<DmDevice> GetByKernelNameAsync(string kernelName, IDmBackend? backend = null, RunContext? run = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kernelName);
        var dev = ReadSysfs($"/sys/class/block/{kernelName}/dev");
        if (dev is null || ReadSysfs($"/sys/class/block/{kernelName}/dm/name") is null)
        {
            throw new DmDeviceNotFoundException("open", kernelName, Errno.ENXIO, $"There is no device-mapper device with kernel name \"{kernelName}\".");
        }

        return GetByDeviceNumberAsync(Core.Devices.DeviceNumber.Parse(dev), backend, run, cancellationToken);
    }

    /// <summary>Opens the device with this major:minor.</summary>
    /// <param name="deviceNumber">The device number.</param>
    /// <param name="backend">The backend; null for <see cref="DefaultDmBackend.Shared"/>.</param>
    /// <param name="run">The run whose ownership decides what may change it; null for <see cref="RunContext.Current"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The device.</returns>
    /// <exception cref="DmDeviceNotFoundException">No device-mapper device has that number.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public static Task<DmDevice> GetByDeviceNumberAsync(DeviceNumber deviceNumber, IDmBackend? backend = null, RunContext? run = null,
        CancellationToken cancellationToken = default) =>
        FindAsync(backend ?? DefaultDmBackend.Shared, run, $"number {deviceNumber}", d => d.DeviceNumber == deviceNumber,
            i => i.DeviceNumber == deviceNumber, askUnlisted: false, cancellationToken);

    /// <summary>Opens the device with this uuid.</summary>
    /// <param name="uuid">The uuid (as set at create or by <see cref="SetUuidAsync"/>).</param>
    /// <param name="backend">The backend; null for <see cref="DefaultDmBackend.Shared"/>.</param>
    /// <param name="run">The run whose ownership decides what may change it; null for <see cref="RunContext.Current"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The device.</returns>
    /// <exception cref="DmDeviceNotFoundException">No device has that uuid.</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public static Task<DmDevice> GetByUuidAsync(string uuid, IDmBackend? backend = null, RunContext? run = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(uuid);
        return FindAsync(backend ?? DefaultDmBackend.Shared, run, $"uuid \"{uuid}\"", d => d.Uuid == uuid, i => i.Uuid == uuid,
            askUnlisted: true, cancellationToken);
    }

    /// <summary>
    /// Creates and activates a device the run owns: its name, and its uuid when it has one, must
    /// carry the run's prefix (<see cref="RunContext.NewName"/>), and every device its table maps
    /// must pass <see cref="TableGuard"/>. The caller removes it (fixtures register it for teardown).
    /// The name and uuid are checked first (<see cref="DmNames"/>), so a name no device can have
    /// ("", ".", "control", "a/b") is refused as a bad name whatever its prefix.
    /// </summary>
    /// <param name="name">The name; must carry the run's prefix.</param>
    /// <param name="table">The table.</param>
    /// <param name="uuid">An optional uuid; must carry the run's prefix, so that a test device never looks like one
    /// a host tool claims by its uuid prefix (LVM-, CRYPT-, mpath-).</param>
    /// <param name="readOnly">Create it read-only.</param>
    /// <param name="backend">The backend; null for <see cref="DefaultDmBackend.Shared"/>.</param>
    /// <param name="run">The run creating it; null for <see cref="RunContext.Current"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The live device.</returns>
    /// <exception cref="DmNameException">The name or uuid is one no device can have (empty, reserved, '/', NUL, too long, already mangled, a lone surrogate); nothing was created.</exception>
    /// <exception cref="UnsafeOperationException">The name or uuid lacks the run's prefix, or the table maps a device the run may not use; nothing was created.</exception>
    /// <exception cref="DmValidationException">The table holds text the backends cannot carry alike (see <see cref="IDmBackend.CreateAsync"/>); nothing was created.</exception>
    /// <exception cref="DmOperationException">The kernel refused (the backend leaves nothing behind).</exception>
    public static async Task<DmDevice> CreateAsync(string name, DmTable table, string? uuid = null, bool readOnly = false,
        IDmBackend? backend = null, RunContext? run = null, CancellationToken cancellationToken = default)
    {
        DmNames.ToKernelName(name);
        if (uuid is not null)
        {
            DmNames.ToKernelUuid(uuid);
        }

        ArgumentNullException.ThrowIfNull(table);
        run ??= RunContext.Current;
        if (!run.Owns(name))
        {
            throw new UnsafeOperationException(name,
                $"Refusing to create \"{name}\": a device the run creates carries its prefix \"{run.Prefix}\" (use RunContext.NewName), so that its guard and leak checks know it.");
        }

        EnsureRunUuid(uuid, run, name);

        TableGuard.EnsureMayMap(table, run);
        backend ??= DefaultDmBackend.Shared;
        var info = await backend.CreateAsync(name, table, uuid, readOnly, cancellationToken).ConfigureAwait(false);
        return new DmDevice(backend, run, info, table, createdHere: true);
    }

    /// <summary>What the kernel reports about the device now.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The info.</returns>
    /// <exception cref="DmDeviceNotFoundException">The device is gone.</exception>
    /// <exception cref="DmOperationException">The query failed.</exception>
    public Task<DmDeviceInfo> InfoAsync(CancellationToken cancellationToken = default) => Backend.GetInfoAsync(Name, cancellationToken);

    /// <summary>The device's event counter now (for <see cref="WaitForEventAsync"/>).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The event number.</returns>
    /// <exception cref="DmOperationException">The query failed.</exception>
    public async Task<uint> EventNumberAsync(CancellationToken cancellationToken = default) =>
        (await InfoAsync(cancellationToken).ConfigureAwait(false)).EventNumber;

    /// <summary>The devices the live table uses.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Their numbers, in the kernel's order.</returns>
    /// <exception cref="DmOperationException">The query failed.</exception>
    public Task<IReadOnlyList<DeviceNumber>> DependenciesAsync(CancellationToken cancellationToken = default) =>
        Backend.GetDependenciesAsync(Name, cancellationToken);

    /// <summary>The live (or inactive) table as the kernel reports it.</summary>
    /// <param name="inactive">Read the inactive slot.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The table, or null when that slot is empty.</returns>
    /// <exception cref="DmParseException">The table did not parse.</exception>
    /// <exception cref="DmOperationException">The query failed.</exception>
    public Task<DmTable?> TableAsync(bool inactive = false, CancellationToken cancellationToken = default) =>
        Backend.GetTableAsync(Name, inactive, cancellationToken);

    /// <summary>The status of every target in the live table.</summary>
    /// <param name="noFlush">Do not flush before reporting (thin-pool, cache).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One line per target.</returns>
    /// <exception cref="DmOperationException">The query failed.</exception>
    /// <exception cref="DmParseException">The kernel's status text did not parse.</exception>
    public Task<IReadOnlyList<DmStatusLine>> StatusLinesAsync(bool noFlush = false, CancellationToken cancellationToken = default) =>
        Backend.GetStatusAsync(Name, noFlush, cancellationToken);

    /// <summary>The status of a one-target device, typed.</summary>
    /// <typeparam name="T">The status type expected, e.g. <see cref="ThinPoolStatus"/>.</typeparam>
    /// <param name="noFlush">Do not flush before reporting.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The status.</returns>
    /// <exception cref="DmOperationException">The query failed.</exception>
    /// <exception cref="InvalidOperationException">The device has not exactly one target, or its status is another type (e.g. a failed pool's "Fail"): the message shows it.</exception>
    public async Task<T> StatusAsync<T>(bool noFlush = false, CancellationToken cancellationToken = default) where T : DmStatus
    {
        var lines = await StatusLinesAsync(noFlush, cancellationToken).ConfigureAwait(false);
        if (lines.Count != 1 || lines[0].Status is not T status)
        {
            throw new InvalidOperationException(
                $"{Name}: expected one {typeof(T).Name} status, got: {string.Join(" | ", lines.Select(l => l.Format()))}");
        }

        return status;
    }

    /// <summary>Waits for the device's event counter to move past <paramref name="afterEvent"/> (no polling).</summary>
    /// <param name="afterEvent">The event number seen last (from <see cref="InfoAsync"/>).</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The info once the event happened.</returns>
    /// <exception cref="OperationCanceledException">Cancelled first.</exception>
    /// <exception cref="DmOperationException">The wait failed.</exception>
    public Task<DmDeviceInfo> WaitForEventAsync(uint afterEvent, CancellationToken cancellationToken = default) =>
        Backend.WaitForEventAsync(Name, afterEvent, cancellationToken);

    /// <summary>Suspends the device.</summary>
    /// <param name="noFlush">Keep queued I/O queued (noflush) instead of flushing it.</param>
    /// <param name="skipLockfs">Do not freeze a filesystem on top.</param>
    /// <param name="cancellationToken">Cancels the call (the kernel may still complete it).</param>
    /// <returns>The info after suspending.</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device; nothing was done.</exception>
    /// <exception cref="DmOperationException">The kernel refused.</exception>
    public Task<DmDeviceInfo> SuspendAsync(bool noFlush = false, bool skipLockfs = false, CancellationToken cancellationToken = default)
    {
        EnsureMayChange("suspend");
        return Backend.SuspendAsync(Name, noFlush, skipLockfs, cancellationToken);
    }

    /// <summary>Resumes the device, making an inactive table live if one was loaded.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The info after resuming.</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device; nothing was done.</exception>
    /// <exception cref="DmOperationException">The kernel refused (e.g. the new table's target failed to resume).</exception>
    public Task<DmDeviceInfo> ResumeAsync(CancellationToken cancellationToken = default)
    {
        EnsureMayChange("resume");
        return Backend.ResumeAsync(Name, cancellationToken);
    }

    /// <summary>Loads a table into the inactive slot; <see cref="ResumeAsync"/> makes it live.</summary>
    /// <param name="table">The new table.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The info after loading.</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device, or the table maps a device the run did not create and that is not a listed test disk; nothing was loaded.</exception>
    /// <exception cref="DmOperationException">The kernel refused the table (the message holds the table).</exception>
    public async Task<DmDeviceInfo> LoadAsync(DmTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        EnsureMayChange("load a table into");
        TableGuard.EnsureMayMap(table, Run);
        var info = await Backend.LoadAsync(Name, table, cancellationToken: cancellationToken).ConfigureAwait(false);
        _table = table;
        return info;
    }

    /// <summary>Replaces the live table: load, suspend, resume (resume runs even if the token fires after suspend).</summary>
    /// <param name="table">The new table.</param>
    /// <param name="noFlush">Suspend with noflush, keeping held I/O queued for the new table (e.g. a pool out of space).</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The info after resuming.</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device or map the table's devices; nothing was done.</exception>
    /// <exception cref="DmOperationException">A step failed; when the resume fails the device stays suspended.</exception>
    public async Task<DmDeviceInfo> ReloadAsync(DmTable table, bool noFlush = false, CancellationToken cancellationToken = default)
    {
        await LoadAsync(table, cancellationToken).ConfigureAwait(false);
        await Backend.SuspendAsync(Name, noFlush, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Backend.ResumeAsync(Name, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Drops the inactive table, if any (dmsetup clear).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The info after clearing.</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device; nothing was done.</exception>
    /// <exception cref="DmOperationException">The kernel refused.</exception>
    public Task<DmDeviceInfo> ClearInactiveAsync(CancellationToken cancellationToken = default)
    {
        EnsureMayChange("clear the inactive table of");
        return Backend.ClearInactiveAsync(Name, cancellationToken);
    }

    /// <summary>Sends a typed message to the target at a sector.</summary>
    /// <param name="message">The message.</param>
    /// <param name="sector">The sector that selects the target; 0 for a one-target device.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The target's answer, or null when it answered nothing.</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device; nothing was sent.</exception>
    /// <exception cref="DmOperationException">The target refused the message.</exception>
    public Task<string?> MessageAsync(DmMessage message, Sectors sector = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        EnsureMayChange("send a message to");
        return Backend.SendMessageAsync(Name, message, sector, cancellationToken);
    }

    /// <summary>Sends a raw message text to the target at a sector.</summary>
    /// <param name="message">The text.</param>
    /// <param name="sector">The sector that selects the target.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The target's answer, or null.</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device; nothing was sent.</exception>
    /// <exception cref="DmOperationException">The target refused the message.</exception>
    public Task<string?> MessageAsync(string message, Sectors sector = default, CancellationToken cancellationToken = default)
    {
        EnsureMayChange("send a message to");
        return Backend.SendMessageAsync(Name, message, sector, cancellationToken);
    }

    /// <summary>Renames the device; the new name must keep the run's prefix, so guard, leak checks and reaping still find it.</summary>
    /// <param name="newName">The new name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The info after renaming.</returns>
    /// <exception cref="DmNameException">The new name is one no device can have (empty, reserved, '/', too long, …); nothing was done.</exception>
    /// <exception cref="UnsafeOperationException">The run may not change this device, or the new name lacks the run's prefix; nothing was done.</exception>
    /// <exception cref="DmOperationException">The kernel refused (e.g. the name exists).</exception>
    public async Task<DmDeviceInfo> RenameAsync(string newName, CancellationToken cancellationToken = default)
    {
        DmNames.ToKernelName(newName);
        EnsureMayChange("rename");
        if (Run.Owns(Name) && !Run.Owns(newName))
        {
            throw new UnsafeOperationException(Path,
                $"Refusing to rename {Name} to \"{newName}\": the new name lacks the run's prefix \"{Run.Prefix}\", so the run would lose track of its device.");
        }

        var info = await Backend.RenameAsync(Name, newName, cancellationToken).ConfigureAwait(false);
        Name = info.Name;
        return info;
    }

    /// <summary>Sets the uuid of a device created without one.</summary>
    /// <param name="uuid">The uuid.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The info after setting it.</returns>
    /// <exception cref="DmNameException">The uuid is one no device can have (empty, NUL, too long, already mangled, a lone surrogate); nothing was done.</exception>
    /// <exception cref="UnsafeOperationException">The run may not change this device, or the uuid lacks the run's prefix (see <see cref="CreateAsync"/>); nothing was done.</exception>
    /// <exception cref="DmOperationException">The kernel refused (a uuid is already set, or another device has it).</exception>
    public async Task<DmDeviceInfo> SetUuidAsync(string uuid, CancellationToken cancellationToken = default)
    {
        DmNames.ToKernelUuid(uuid);
        EnsureMayChange("set the uuid of");
        EnsureRunUuid(uuid, Run, Name);
        var info = await Backend.SetUuidAsync(Name, uuid, cancellationToken).ConfigureAwait(false);
        Uuid = info.Uuid;
        return info;
    }

    /// <summary>Writes bytes at an offset and fsyncs them, when the run may change the device.</summary>
    /// <param name="offset">Where.</param>
    /// <param name="data">What.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the data is on the device.</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device; nothing was written.</exception>
    /// <exception cref="DeviceException">The write failed (EIO, ENOSPC, read-only).</exception>
    public override Task WriteAsync(Size offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        EnsureMayChange("write to");
        return base.WriteAsync(offset, data, cancellationToken);
    }

    /// <summary>Writes bytes with O_DIRECT (see <see cref="BlockDevice.WriteDirectAsync"/>), when the run may change the device.</summary>
    /// <param name="offset">Where: a multiple of the logical block size.</param>
    /// <param name="data">What: a multiple of the logical block size.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the device completed the write.</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device; nothing was written.</exception>
    /// <exception cref="ArgumentException">The offset or length is not aligned.</exception>
    /// <exception cref="DeviceException">The device failed the write.</exception>
    public override Task WriteDirectAsync(Size offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        EnsureMayChange("write to");
        return base.WriteDirectAsync(offset, data, cancellationToken);
    }

    /// <summary>Removes the device now, retrying while it is briefly busy (20 attempts unless deferred).</summary>
    /// <param name="deferred">Let the kernel remove it at last close when it is open.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed (or scheduled for removal).</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device; nothing was done.</exception>
    /// <exception cref="DmDeviceBusyException">Still open after the retries (and not deferred).</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public Task RemoveAsync(bool deferred = false, CancellationToken cancellationToken = default) =>
        RemoveAsync(deferred, deferred ? 1 : 20, cancellationToken);

    /// <summary>Removes the device now, trying up to <paramref name="attempts"/> times while it is busy.</summary>
    /// <param name="deferred">Let the kernel remove it at last close when it is open.</param>
    /// <param name="attempts">How many tries while busy; 1 to 50.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed (or scheduled for removal).</returns>
    /// <exception cref="UnsafeOperationException">The run may not change this device; nothing was done.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is not within 1..50.</exception>
    /// <exception cref="DmDeviceNotFoundException">The device is already gone.</exception>
    /// <exception cref="DmDeviceBusyException">Still open after the retries (and not deferred).</exception>
    /// <exception cref="DmOperationException">Another failure.</exception>
    public async Task RemoveAsync(bool deferred, int attempts, CancellationToken cancellationToken)
    {
        EnsureMayChange("remove");
        await Backend.RemoveAsync(Name, deferred, attempts, cancellationToken).ConfigureAwait(false);
        IsRemoved = true;
    }

    /// <summary>
    /// Throws unless the run may change this device: it must still be the device this object
    /// opened (same name on the same node), and <see cref="DeviceGuard"/> must admit it.
    /// </summary>
    /// <param name="operation">What is about to be done, for the message.</param>
    /// <exception cref="DmDeviceNotFoundException">The device is gone (or its node now belongs to another device).</exception>
    /// <exception cref="UnsafeOperationException">The run did not create it and it is not a listed test disk.</exception>
    public void EnsureMayChange(string operation)
    {
        var current = ReadSysfs($"/sys/class/block/{KernelName}/dm/name");
        if (current is null || !string.Equals(Naming.DmNames.FromKernelName(current), Name, StringComparison.Ordinal))
        {
            throw new DmDeviceNotFoundException(operation, Name, Errno.ENXIO,
                $"Cannot {operation} {Name}: {KernelName} {(current is null ? "is gone" : $"now belongs to \"{current}\"")}.");
        }

        if (DeviceGuard.WhyNot(Path, Run) is { } reason)
        {
            throw new UnsafeOperationException(Path, $"Refusing to {operation} {Name} ({Path}): {reason}.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({KernelName})";

    /// <summary>A sysfs attribute's trimmed content (the kernel's, mangled, name for dm/name), or null when missing.</summary>
    private static string? ReadSysfs(string file)
    {
        try
        {
            return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Refuses a uuid without the run's prefix: host tools claim devices by uuid prefix (LVM-, CRYPT-, mpath-).</summary>
    private static void EnsureRunUuid(string? uuid, RunContext run, string name)
    {
        if (uuid is not null && !run.Owns(uuid))
        {
            throw new UnsafeOperationException(name,
                $"Refusing the uuid \"{uuid}\" for {name}: a device the run creates carries the run's prefix \"{run.Prefix}\" in its uuid too, so it never looks like a device a host tool claims by uuid (LVM-, CRYPT-, mpath-).");
        }
    }

    private static async Task<DmDevice?> OpenOrNullAsync(IDmBackend backend, RunContext? run, string name, CancellationToken cancellationToken)
    {
        if (await backend.TryGetInfoAsync(name, cancellationToken).ConfigureAwait(false) is not { } info)
        {
            return null;
        }

        try
        {
            var table = info.LiveTablePresent ? await backend.GetTableAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
            return new DmDevice(backend, run, info, table);
        }
        catch (Exception ex) when (ex is DmDeviceNotFoundException or DeviceNotFoundException)
        {
            return null; // removed between the two queries
        }
    }

    private static async Task<DmDevice> FindAsync(IDmBackend backend, RunContext? run, string what, Func<DmListedDevice, bool> listed,
        Func<DmDeviceInfo, bool> matches, bool askUnlisted, CancellationToken cancellationToken)
    {
        var all = await backend.ListAsync(cancellationToken).ConfigureAwait(false);
        // A kernel before interface 4.46 lists no uuids: then each device without one is asked.
        var candidates = all.Where(listed).Concat(askUnlisted ? all.Where(d => d.Uuid is null && !listed(d)) : []).Select(d => d.Name);
        foreach (var name in candidates)
        {
            if (await backend.TryGetInfoAsync(name, cancellationToken).ConfigureAwait(false) is { } info && matches(info)
                && await OpenOrNullAsync(backend, run, name, cancellationToken).ConfigureAwait(false) is { } device)
            {
                return device;
            }
        }

        throw new DmDeviceNotFoundException("open", what, Errno.ENXIO, $"There is no device-mapper device with {what}.");
    }
}
