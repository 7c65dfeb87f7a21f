using Serilog;
using Sts.Core.Devices;
using Sts.Core.Host;
using Sts.Core.Units;
using Sts.Dm.Devices;
using Sts.Dm.Errors;
using Sts.Dm.Messages;
using Sts.Dm.Status;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Dm.Backends.Ioctl;

/// <summary>
/// The device-mapper backend that drives the kernel's dm ioctls directly through
/// <see cref="DmControl"/>: no process per operation. Each call runs on the thread pool, since a
/// suspend or a remove can block in the kernel. After operations that make udev act (create,
/// resume, rename, remove) it waits for udev to settle, as dmsetup does with its udev cookie, so
/// both backends leave /dev/mapper in the same state when they return.
/// </summary>
public sealed class IoctlBackend : IDmBackend
{
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
    /// <param name="waitForUdev">Wait for udev to settle after create, resume, rename and remove (when udev runs).</param>
    /// <returns>The backend; dispose it to close the control node.</returns>
    /// <exception cref="DmPermissionException">Not root.</exception>
    /// <exception cref="DmOperationException">The kernel has no device-mapper.</exception>
    public static IoctlBackend Open(ILogger? logger = null, bool waitForUdev = true) => new(DmControl.Open(logger), waitForUdev);

    /// <inheritdoc />
    public async Task<DmDeviceInfo> CreateAsync(string name, DmTable table, string? uuid = null, bool readOnly = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var specs = ToSpecs(table);
        var info = await Run(() => _control.CreateAndLoad(name, specs, uuid, readOnly), cancellationToken).ConfigureAwait(false);
        return await SettledInfo(info, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<DmDeviceInfo> LoadAsync(string name, DmTable table, bool readOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var specs = ToSpecs(table);
        return Run(() => _control.LoadTable(name, specs, readOnly), cancellationToken);
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
        var info = await Run(() => _control.Resume(name), cancellationToken).ConfigureAwait(false);
        return await SettledInfo(info, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name, bool deferred = false, int attempts = 1, CancellationToken cancellationToken = default)
    {
        await DmBackendRules.RemoveWithRetriesAsync(() => Run(() => _control.Remove(name, deferred), cancellationToken), attempts, cancellationToken)
            .ConfigureAwait(false);
        await SettleAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RemoveByPrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        DmBackendRules.RemoveByPrefixAsync(this, prefix, cancellationToken);

    /// <inheritdoc />
    public async Task<DmDeviceInfo> RenameAsync(string name, string newName, CancellationToken cancellationToken = default)
    {
        var info = await Run(() => _control.Rename(name, newName), cancellationToken).ConfigureAwait(false);
        return await SettledInfo(info, cancellationToken).ConfigureAwait(false);
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
        return Run(() => DmBackendRules.NullIfEmpty(_control.SendMessage(name, message.Text, sector)), cancellationToken);
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

    private async Task<DmDeviceInfo> SettledInfo(DmDeviceInfo info, CancellationToken cancellationToken)
    {
        await SettleAsync(cancellationToken).ConfigureAwait(false);
        return info;
    }

    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        if (_waitForUdev)
        {
            await Udev.SettleAsync(TimeSpan.FromSeconds(60), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
