using Serilog;
using Sts.Core;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Host;
using Sts.Core.Units;
using Sts.Dm.Devices;
using Sts.Dm.Errors;
using Sts.Dm.Messages;
using Sts.Dm.Naming;
using Sts.Dm.Status;
using Sts.Dm.Tables;
using DmIoctlCommand = Sts.Dm.Interop.DmIoctl.Command;

namespace Sts.Dm.Backends.Dmsetup;

/// <summary>
/// The device-mapper backend that runs <c>dmsetup</c> (libdevmapper, the reference user of the
/// ABI) through Sts.Core's command runner: an argv, never a shell string, so any name is data.
/// Every call passes <c>--manglename none</c> with the name already mangled by
/// <see cref="DmNames"/>, so both backends store the same bytes and dmsetup's output carries no
/// spaces or separators inside names. dmsetup's default udev synchronisation is kept: create,
/// resume, rename and remove return once udev has processed the device. A failure is mapped from
/// dmsetup's standard error to the exception the ioctl backend throws; the message keeps the
/// exit code, the standard error and the command line.
/// </summary>
public sealed class DmsetupBackend : IDmBackend
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly ICommandExecutor? _executor;
    private readonly string _program;

    /// <summary>Creates the backend.</summary>
    /// <param name="executor">Where dmsetup runs; null for this machine.</param>
    /// <param name="program">The dmsetup to run; null to find it on PATH or in the sbin directories.</param>
    public DmsetupBackend(ICommandExecutor? executor = null, string? program = null)
    {
        _executor = executor;
        _program = program ?? Tools.Find("dmsetup") ?? "dmsetup";
    }

    /// <inheritdoc />
    public string Name => "dmsetup";

    /// <inheritdoc />
    public async Task<DmDeviceInfo> CreateAsync(string name, DmTable table, string? uuid = null, bool readOnly = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var kernelName = DmNames.ToKernelName(name);
        List<string> options = [];
        if (uuid is not null)
        {
            options.AddRange(["-u", DmNames.ToKernelUuid(uuid)]);
        }

        DmCarriableText.EnsureTable(table); // after the name and uuid, in the ioctl backend's order

        if (readOnly)
        {
            options.Add("--readonly");
        }

        try
        {
            await RunAsync(DmIoctlCommand.DevCreate, "create", name, options, ["create", kernelName], table.Format(), cancellationToken).ConfigureAwait(false);
        }
        catch (DmOperationException ex) when (ex.Operation != "create")
        {
            // The device was made but its table load or resume failed. libdevmapper removes it
            // itself (_create_and_load_v4); make sure, so a failed create leaves nothing behind.
            await RemoveLeftoverAsync(name).ConfigureAwait(false);
            var mapped = DmErrnoMapping.ForTableLoadOfNewDevice(ex, string.Join("; ", table.Lines));
            if (mapped == ex)
            {
                throw;
            }

            throw mapped;
        }

        return await GetInfoAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DmDeviceInfo> LoadAsync(string name, DmTable table, bool readOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        DmCarriableText.EnsureTable(table);
        var kernelName = DmNames.ToKernelName(name);
        return await DmBackendRules.LoadAsync(this, name, table, async () =>
        {
            await RunAsync(DmIoctlCommand.TableLoad, "table load", name, readOnly ? ["--readonly"] : [], ["load", kernelName], table.Format(), cancellationToken)
                .ConfigureAwait(false);
            return await GetInfoAsync(name, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DmDeviceInfo> ClearInactiveAsync(string name, CancellationToken cancellationToken = default)
    {
        await RunAsync(DmIoctlCommand.TableClear, "clear", name, [], ["clear", DmNames.ToKernelName(name)], null, cancellationToken).ConfigureAwait(false);
        return await GetInfoAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DmDeviceInfo> SuspendAsync(string name, bool noFlush = false, bool skipLockfs = false, CancellationToken cancellationToken = default)
    {
        List<string> options = [];
        if (noFlush)
        {
            options.Add("--noflush");
        }

        if (skipLockfs)
        {
            options.Add("--nolockfs");
        }

        await RunAsync(DmIoctlCommand.DevSuspend, "suspend", name, options, ["suspend", DmNames.ToKernelName(name)], null, cancellationToken).ConfigureAwait(false);
        return await GetInfoAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DmDeviceInfo> ResumeAsync(string name, CancellationToken cancellationToken = default)
    {
        await RunAsync(DmIoctlCommand.DevSuspend, "resume", name, [], ["resume", DmNames.ToKernelName(name)], null, cancellationToken).ConfigureAwait(false);
        return await GetInfoAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string name, bool deferred = false, int attempts = 1, CancellationToken cancellationToken = default)
    {
        var kernelName = DmNames.ToKernelName(name);
        return DmBackendRules.RemoveWithRetriesAsync(
            () => RunAsync(DmIoctlCommand.DevRemove, "remove", name, deferred ? ["--deferred"] : [], ["remove", kernelName], null, cancellationToken),
            attempts, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RemoveByPrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        DmBackendRules.RemoveByPrefixAsync(this, prefix, cancellationToken);

    /// <inheritdoc />
    public async Task<DmDeviceInfo> RenameAsync(string name, string newName, CancellationToken cancellationToken = default)
    {
        await RunAsync(DmIoctlCommand.DevRename, "rename", name, [], ["rename", DmNames.ToKernelName(name), DmNames.ToKernelName(newName)], null, cancellationToken)
            .ConfigureAwait(false);
        return await GetInfoAsync(newName, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DmDeviceInfo> SetUuidAsync(string name, string uuid, CancellationToken cancellationToken = default)
    {
        await RunAsync(DmIoctlCommand.DevRename, "set uuid", name, ["--setuuid"], ["rename", DmNames.ToKernelName(name), DmNames.ToKernelUuid(uuid)], null, cancellationToken)
            .ConfigureAwait(false);
        return await GetInfoAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DmDeviceInfo> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        var output = await RunAsync(DmIoctlCommand.DevStatus, "info", name, [], ["info", DmNames.ToKernelName(name)], null, cancellationToken).ConfigureAwait(false);
        // dmsetup reports a device that is not there on standard error; be sure when its exit code does not say so.
        return output.Trim().Length == 0
            ? throw new DmDeviceNotFoundException("info", name, Errno.ENXIO, $"dmsetup info of '{name}' printed nothing: the device does not exist.")
            : DmsetupOutput.ParseInfo(output);
    }

    /// <inheritdoc />
    public async Task<DmDeviceInfo?> TryGetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetInfoAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (DmDeviceNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeviceNumber>> GetDependenciesAsync(string name, CancellationToken cancellationToken = default)
    {
        var output = await RunAsync(DmIoctlCommand.TableDeps, "deps", name, [], ["deps", DmNames.ToKernelName(name)], null, cancellationToken).ConfigureAwait(false);
        if (output.Trim().Length == 0)
        {
            await GetInfoAsync(name, cancellationToken).ConfigureAwait(false); // throws when the device does not exist
        }

        return DmsetupOutput.ParseDependencies(output);
    }

    /// <inheritdoc />
    public async Task<DmTable?> GetTableAsync(string name, bool inactive = false, CancellationToken cancellationToken = default)
    {
        var output = await RunAsync(DmIoctlCommand.TableStatus, "table", name, inactive ? ["--inactive"] : [], ["table", DmNames.ToKernelName(name)], null, cancellationToken)
            .ConfigureAwait(false);
        if (output.Trim().Length == 0)
        {
            await GetInfoAsync(name, cancellationToken).ConfigureAwait(false); // throws when the device does not exist
            return null;
        }

        return DmTable.Parse(output);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DmStatusLine>> GetStatusAsync(string name, bool noFlush = false, CancellationToken cancellationToken = default)
    {
        var output = await RunAsync(DmIoctlCommand.TableStatus, "status", name, noFlush ? ["--noflush"] : [], ["status", DmNames.ToKernelName(name)], null, cancellationToken)
            .ConfigureAwait(false);
        if (output.Trim().Length == 0)
        {
            await GetInfoAsync(name, cancellationToken).ConfigureAwait(false); // throws when the device does not exist
            return [];
        }

        return DmStatusLine.ParseAll(output);
    }

    /// <inheritdoc />
    public async Task<string?> SendMessageAsync(string name, DmMessage message, Sectors sector = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        // dmsetup joins the words after the sector with spaces; one argv word carries the whole text.
        // The kernel log read after a refusal is this machine's: only when dmsetup runs here.
        return await DmBackendRules.SendMessageAsync(this, name, message, sector, readKernelLog: _executor is null or LocalCommandExecutor,
            async () => await RunAsync(DmIoctlCommand.TargetMsg, "message", name, [],
                ["message", DmNames.ToKernelName(name), sector.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Text],
                null, cancellationToken, message: (message.Text, sector)).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<string?> SendMessageAsync(string name, string message, Sectors sector = default, CancellationToken cancellationToken = default) =>
        SendMessageAsync(name, DmMessage.Raw(message), sector, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DmListedDevice>> ListAsync(CancellationToken cancellationToken = default)
    {
        var output = await RunAsync(DmIoctlCommand.ListDevices, "list", null,
            ["-c", "--noheadings", "--separator", DmsetupOutput.Separator, "-o", DmsetupOutput.ListColumns], ["info"], null, cancellationToken)
            .ConfigureAwait(false);
        return DmsetupOutput.ParseList(output).OrderBy(device => device.Name, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DmTargetVersion>> ListTargetVersionsAsync(CancellationToken cancellationToken = default) =>
        DmsetupOutput.ParseTargets(await RunAsync(DmIoctlCommand.ListVersions, "targets", null, [], ["targets"], null, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<DmTargetVersion?> GetTargetVersionAsync(string targetType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetType);
        try
        {
            var output = await RunAsync(DmIoctlCommand.GetTargetVersion, "target-version", null, [], ["target-version", targetType], null, cancellationToken).ConfigureAwait(false);
            return DmsetupOutput.ParseTargets(output).SingleOrDefault();
        }
        catch (DmInvalidArgumentException)
        {
            return null; // the kernel answers EINVAL for a target type it does not know
        }
    }

    /// <inheritdoc />
    public async Task<Version> GetDriverVersionAsync(CancellationToken cancellationToken = default) =>
        DmsetupOutput.ParseDriverVersion(await RunAsync(DmIoctlCommand.Version, "version", null, [], ["version"], null, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<DmDeviceInfo> WaitForEventAsync(string name, uint afterEvent, CancellationToken cancellationToken = default)
    {
        await RunAsync(DmIoctlCommand.DevWait, "wait", name, [], ["wait", DmNames.ToKernelName(name), afterEvent.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            null, cancellationToken, timeout: null).ConfigureAwait(false);
        return await GetInfoAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nothing to release: each operation is its own process.</summary>
    public void Dispose()
    {
    }

    /// <summary>
    /// Runs <c>dmsetup --manglename none OPTIONS -- COMMAND ARGS</c>. The "--" ends option
    /// parsing, so a name or message that starts with '-' stays an argument.
    /// </summary>
    private async Task<string> RunAsync(DmIoctlCommand ioctl, string operation, string? device, IReadOnlyList<string> options, IReadOnlyList<string> arguments,
        string? standardInput, CancellationToken cancellationToken, TimeSpan? timeout = default, (string Text, Sectors Sector)? message = null)
    {
        var command = new Command(_program)
            .WithArguments(["--manglename", "none", .. options, "--", .. arguments])
            .WithValidation(CommandValidation.None)
            .WithTimeout(operation == "wait" ? timeout : CommandTimeout);
        if (standardInput is not null)
        {
            command = command.WithStandardInput(standardInput);
        }

        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(_executor, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandException ex)
        {
            throw new DmOperationException(operation, device, Errno.None, $"dmsetup {operation} could not run: {ex.Message}", ex);
        }

        return result.ExitCode == 0 ? result.StandardOutput : throw DmsetupFailures.From(ioctl, operation, device, result, message);
    }

    private async Task RemoveLeftoverAsync(string name)
    {
        // Teardown of a failed create: its own bounded time, never the caller's token.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await RemoveAsync(name, attempts: 5, cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (DmDeviceNotFoundException)
        {
            // libdevmapper removed it already
        }
        catch (DmOperationException ex)
        {
            Log.ForContext<DmsetupBackend>().Warning(ex, "Could not remove {Device} after its create failed", name);
        }
    }
}
