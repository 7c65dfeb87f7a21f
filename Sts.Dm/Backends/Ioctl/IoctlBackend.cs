using Serilog;
using Sts.Core.Devices;
using Sts.Core.Host;
using Sts.Core.Units;
using Sts.Dm.Devices;
using Sts.Dm.Errors;
using Sts.Dm.Messages;
using Sts.Dm.Naming;
using Sts.Dm.Status;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Dm.Backends.Ioctl;

/// <summary>
/// The device-mapper backend that drives the kernel's dm ioctls directly through
/// <see cref="DmControl"/>: no process per operation. Each call runs on the thread pool, since a
/// suspend or a remove can block in the kernel. Operations that make udev act (create, resume,
/// rename, remove) carry a udev cookie, as libdevmapper's do, and return once udev has handled
/// their event: /dev/mapper/&lt;name&gt; exists when create returns and is gone when remove
/// returns. Where no udev runs, the backend makes and removes those nodes itself.
/// </summary>
public sealed class IoctlBackend : IDmBackend
{
    private static readonly TimeSpan UdevTimeout = TimeSpan.FromSeconds(60);
    private readonly DmControl _control;
    private readonly bool _waitForUdev;

    private IoctlBackend(DmControl control, bool waitForUdev)
    {
        _control = control;
        _waitForUdev = waitForUdev;
    }

    /// <inheritdoc />
    public string Name => "ioctl";

    /// <summary>Opens /dev/mapper/control.</summary>
    /// <param name="logger">Where ioctls are logged; null for Serilog's global logger.</param>
    /// <param name="waitForUdev">Synchronise /dev/mapper with create, resume, rename and remove: through a udev cookie
    /// when udev runs, by making the nodes directly otherwise. False leaves /dev/mapper to whoever else manages it.</param>
    /// <returns>The backend; dispose it to close the control node.</returns>
    /// <exception cref="DmPermissionException">Not root.</exception>
    /// <exception cref="DmOperationException">The kernel has no device-mapper.</exception>
    public static IoctlBackend Open(ILogger? logger = null, bool waitForUdev = true) => new(DmControl.Open(logger), waitForUdev);

    /// <inheritdoc />
    public async Task<DmDeviceInfo> CreateAsync(string name, DmTable table, string? uuid = null, bool readOnly = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        DmNames.ToKernelName(name); // name, uuid, then table: the dmsetup backend's order
        if (uuid is not null)
        {
            DmNames.ToKernelUuid(uuid);
        }

        DmCarriableText.EnsureTable(table);
        var specs = ToSpecs(table);
        return await Run(() => WithUdev(cookie => _control.CreateAndLoad(name, specs, uuid, readOnly, cookie), EnsureNode), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<DmDeviceInfo> LoadAsync(string name, DmTable table, bool readOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        DmCarriableText.EnsureTable(table);
        var specs = ToSpecs(table);
        return DmBackendRules.LoadAsync(this, name, table, () => Run(() => _control.LoadTable(name, specs, readOnly), cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<DmDeviceInfo> ClearInactiveAsync(string name, CancellationToken cancellationToken = default) =>
        Run(() => _control.ClearInactiveTable(name), cancellationToken);

    /// <inheritdoc />
    public Task<DmDeviceInfo> SuspendAsync(string name, bool noFlush = false, bool skipLockfs = false, CancellationToken cancellationToken = default) =>
        Run(() => _control.Suspend(name, noFlush, skipLockfs), cancellationToken);

    /// <inheritdoc />
    public async Task<DmDeviceInfo> ResumeAsync(string name, CancellationToken cancellationToken = default)
    {
        return await Run(() => WithUdev(cookie => _control.Resume(name, cookie), EnsureNode), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name, bool deferred = false, int attempts = 1, CancellationToken cancellationToken = default)
    {
        // A deferred remove of a device that is not open removes it now, with its uevent, which the
        // cookie waits for; of an open device it raises none (the uevent comes at the last close),
        // and the kernel says so, so the cookie is completed at once.
        await DmBackendRules.RemoveWithRetriesAsync(() => Run(() => WithUdev(cookie =>
        {
            _control.Remove(name, deferred, cookie);
            return name;
        }, removed =>
        {
            if (!deferred || _control.TryGetInfo(removed) is null)
            {
                RemoveNode(removed);
            }
        }), cancellationToken), attempts, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RemoveByPrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        DmBackendRules.RemoveByPrefixAsync(this, prefix, cancellationToken);

    /// <inheritdoc />
    public async Task<DmDeviceInfo> RenameAsync(string name, string newName, CancellationToken cancellationToken = default)
    {
        return await Run(() => WithUdev(cookie => _control.Rename(name, newName, cookie), info =>
        {
            RemoveNode(name);
            EnsureNode(info);
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<DmDeviceInfo> SetUuidAsync(string name, string uuid, CancellationToken cancellationToken = default) =>
        Run(() => _control.SetUuid(name, uuid), cancellationToken);

    /// <inheritdoc />
    public Task<DmDeviceInfo> GetInfoAsync(string name, CancellationToken cancellationToken = default) =>
        Run(() => _control.GetInfo(name), cancellationToken);

    /// <inheritdoc />
    public Task<DmDeviceInfo?> TryGetInfoAsync(string name, CancellationToken cancellationToken = default) =>
        Run(() => _control.TryGetInfo(name), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceNumber>> GetDependenciesAsync(string name, CancellationToken cancellationToken = default) =>
        Run(() => _control.GetDependencies(name), cancellationToken);

    /// <inheritdoc />
    public Task<DmTable?> GetTableAsync(string name, bool inactive = false, CancellationToken cancellationToken = default) =>
        Run(() => ToTable(_control.GetTable(name, inactive)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DmStatusLine>> GetStatusAsync(string name, bool noFlush = false, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<DmStatusLine>>(() => _control.GetStatus(name, noFlush)
            .Select(spec => new DmStatusLine(spec.Start, spec.Length, DmStatus.Parse(spec.TargetType, spec.Parameters)))
            .ToList(), cancellationToken);

    /// <inheritdoc />
    public Task<string?> SendMessageAsync(string name, DmMessage message, Sectors sector = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return DmBackendRules.SendMessageAsync(this, name, message, sector, readKernelLog: true,
            () => Run(() => _control.SendMessage(name, message.Text, sector), cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> SendMessageAsync(string name, string message, Sectors sector = default, CancellationToken cancellationToken = default) =>
        SendMessageAsync(name, DmMessage.Raw(message), sector, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DmListedDevice>> ListAsync(CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<DmListedDevice>>(() => _control.ListDevices().OrderBy(device => device.Name, StringComparer.Ordinal).ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DmTargetVersion>> ListTargetVersionsAsync(CancellationToken cancellationToken = default) =>
        Run(_control.ListTargetVersions, cancellationToken);

    /// <inheritdoc />
    public Task<DmTargetVersion?> GetTargetVersionAsync(string targetType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetType);
        return Run(() => _control.GetTargetVersion(targetType), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Version> GetDriverVersionAsync(CancellationToken cancellationToken = default) =>
        Run(_control.GetDriverVersion, cancellationToken);

    /// <inheritdoc />
    public Task<DmDeviceInfo> WaitForEventAsync(string name, uint afterEvent, CancellationToken cancellationToken = default) =>
        _control.WaitForEventAsync(name, afterEvent, cancellationToken);

    /// <summary>Closes the control node.</summary>
    public void Dispose() => _control.Dispose();

    private static List<DmTargetSpec> ToSpecs(DmTable table) =>
        table.Lines.Select(line => new DmTargetSpec(line.Start, line.Length, line.Target.TargetType, line.Target.FormatArguments())).ToList();

    private static DmTable? ToTable(IReadOnlyList<DmTargetSpec> specs) =>
        specs.Count == 0
            ? null
            : new DmTable(specs.Select(spec => new DmTableLine(spec.Start, spec.Length, DmTarget.Parse(spec.TargetType, spec.Parameters))));

    private static Task<T> Run<T>(Func<T> call, CancellationToken cancellationToken) => Task.Run(call, cancellationToken);

    private static Task Run(Action call, CancellationToken cancellationToken) => Task.Run(call, cancellationToken);

    /// <summary>
    /// Runs an operation that raises a uevent: with udev, under a cookie that is waited for; without
    /// udev, followed by the node work udev would have done.
    /// </summary>
    private T WithUdev<T>(Func<uint, T> operation, Action<T> withoutUdev)
    {
        if (!_waitForUdev)
        {
            return operation(0);
        }

        if (!Udev.IsRunning)
        {
            var direct = operation(0);
            withoutUdev(direct);
            return direct;
        }

        // DmControl completes the cookie itself when the kernel raises no uevent for the call (a
        // resume of a running device, a deferred remove of an open one, a failure), so the wait
        // below returns at once then; it lasts only while udev works on an event that was raised.
        // If the call throws, the cookie is dropped unwaited.
        using var cookie = UdevCookie.Create();
        var result = operation(cookie.Value);
        if (!cookie.Wait(UdevTimeout))
        {
            Log.ForContext<IoctlBackend>().Warning("udev did not complete the event of cookie {Cookie:x} within {Timeout}", cookie.Value, UdevTimeout);
        }

        return result;
    }

    private static void EnsureNode(DmDeviceInfo info) => DeviceNodes.Ensure(DmNames.ToKernelName(info.Name), info.DeviceNumber);

    private static void RemoveNode(string name) => DeviceNodes.Remove(DmNames.ToKernelName(name));
}
