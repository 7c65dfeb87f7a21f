using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Serilog;
using Serilog.Events;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm.Devices;
using Sts.Dm.Errors;
using Sts.Dm.Interop;
using Sts.Dm.Naming;
using static Sts.Dm.Interop.DmIoctl;

namespace Sts.Dm.Backends.Ioctl;

/// <summary>
/// The kernel's device-mapper control node, driven with the dm ioctl ABI directly: no
/// libdevmapper, no process per operation. Each method is one ioctl (two for
/// <see cref="CreateAndLoad"/>'s three steps), retried with a bigger buffer when the kernel says
/// the answer did not fit. Names and uuids are mangled like dmsetup's, so either backend finds
/// what the other created. Every ioctl is logged (Debug) with its command, device and duration.
/// Thread-safe: each call has its own buffer.
/// </summary>
public sealed partial class DmControl : IDisposable
{
    private const int InitialBufferSize = 16 * 1024; // libdevmapper's start size for answers
    private const int MaxBufferSize = 256 * 1024 * 1024;

    private readonly SafeFileHandle _control;
    private readonly ILogger _log;

    // The buffer size that last held each command's answer: a listing of 1000 devices then
    // costs one ioctl, not four (16 KiB doubled to 128 KiB) every time.
    private readonly int[] _answerSizeHints = new int[Enum.GetValues<Command>().Length];

    private DmControl(SafeFileHandle control, ILogger log)
    {
        _control = control;
        _log = log;
    }

    /// <summary>Opens /dev/mapper/control.</summary>
    /// <param name="logger">Where ioctls are logged; null for Serilog's global logger.</param>
    /// <returns>The open control node.</returns>
    /// <exception cref="DmPermissionException">Not allowed to open it (not root).</exception>
    /// <exception cref="DmOperationException">There is no control node, or no driver behind it: the kernel has no device-mapper.</exception>
    public static DmControl Open(ILogger? logger = null)
    {
        try
        {
            var handle = File.OpenHandle(ControlPath, FileMode.Open, FileAccess.ReadWrite);
            return new DmControl(handle, (logger ?? Log.Logger).ForContext<DmControl>());
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DmPermissionException("open", null, Errno.EACCES, $"Cannot open {ControlPath}: {ex.Message} (device-mapper needs root).");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DmOperationException("open", null, Errno.ENOENT, $"{ControlPath} does not exist: this kernel has no device-mapper (load dm-mod).", ex);
        }
        catch (IOException ex)
        {
            // The node exists but no driver answers it (ENODEV: a kernel without device-mapper, the
            // node left by a udev rule or an image), or another open failure: still "no device-mapper".
            throw new DmOperationException("open", null, Errno.ENODEV,
                $"Cannot open {ControlPath}: {ex.Message} (this kernel has no device-mapper driver behind the node; load dm-mod).", ex);
        }
    }

    /// <summary>The driver's interface version (dmsetup version's "Driver version").</summary>
    /// <returns>e.g. 4.47.0.</returns>
    /// <exception cref="DmOperationException">The ioctl failed.</exception>
    public Version GetDriverVersion()
    {
        return Call(Command.Version, "version", null,
            static reply => new Version((int)reply.U32(OffVersion), (int)reply.U32(OffVersion + 4), (int)reply.U32(OffVersion + 8)));
    }

    /// <summary>Creates a device with no table (DM_DEV_CREATE).</summary>
    /// <param name="name">The name (mangled like dmsetup's when it has bytes udev does not take).</param>
    /// <param name="uuid">An optional uuid; it can be set once and never changed.</param>
    /// <returns>The new device's info.</returns>
    /// <exception cref="DmNameException">The name or uuid is invalid.</exception>
    /// <exception cref="DmDeviceExistsException">The name or uuid is taken (the kernel says EBUSY).</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public DmDeviceInfo Create(string name, string? uuid = null)
    {
        var kernelUuid = uuid is null ? null : DmNames.ToKernelUuid(uuid);
        return Call(Command.DevCreate, "create", name, static reply => reply.Info(), uuid: kernelUuid);
    }

    /// <summary>
    /// Creates a device, loads its table and resumes it: a ready device, or nothing. When the
    /// load or resume fails the half-made device is removed before the error is thrown.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <param name="targets">The table, in order from sector 0.</param>
    /// <param name="uuid">An optional uuid.</param>
    /// <param name="readOnly">Create it read-only.</param>
    /// <param name="udevCookie">A udev cookie for the resume's uevent (0 for none); completed here when no uevent will (see <see cref="Resume"/>).</param>
    /// <returns>The live device's info.</returns>
    /// <exception cref="DmNameException">The name or uuid is invalid.</exception>
    /// <exception cref="DmDeviceExistsException">The name or uuid is taken.</exception>
    /// <exception cref="DmInvalidArgumentException">The kernel refused the table; the message quotes it.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public DmDeviceInfo CreateAndLoad(string name, IReadOnlyList<DmTargetSpec> targets, string? uuid = null, bool readOnly = false,
        uint udevCookie = 0)
    {
        // The cookie belongs to the resume: if the call ends before it, no uevent will complete it.
        var cookieSent = false;
        try
        {
            // One name check and mangling for the three ioctls; the create and load answers are not
            // read, only the resume's.
            var kernelName = DmNames.ToKernelName(name);
            var kernelUuid = uuid is null ? null : DmNames.ToKernelUuid(uuid);
            ArgumentNullException.ThrowIfNull(targets);
            if (targets.Count == 0)
            {
                throw new ArgumentException("A table needs at least one target.", nameof(targets));
            }

            var payload = EncodeTable(targets);
            Call(Command.DevCreate, "create", name, static _ => true, uuid: kernelUuid, kernelName: kernelName);
            try
            {
                Call(Command.TableLoad, "table load", name, static _ => true, readOnly ? Flags.ReadOnly : Flags.None, payload,
                    (uint)targets.Count, kernelName: kernelName);
                cookieSent = true; // from here the resume's Call settles the cookie
                return Call(Command.DevSuspend, "resume", name, static reply => reply.Info(), eventNr: udevCookie, kernelName: kernelName);
            }
            catch (DmInvalidArgumentException ex) when (ex.Operation == "table load")
            {
                TryRemove(name);
                throw new DmInvalidArgumentException(ex.Operation, ex.Device, ex.Errno, $"{ex.Message} Table: {string.Join("; ", targets)}");
            }
            catch (DmOperationException ex)
            {
                TryRemove(name);
                var mapped = DmErrnoMapping.ForTableLoadOfNewDevice(ex, string.Join("; ", targets));
                if (mapped == ex)
                {
                    throw;
                }

                throw mapped;
            }
        }
        finally
        {
            if (!cookieSent)
            {
                UdevCookie.CompleteUnraised(udevCookie, _log);
            }
        }
    }

    /// <summary>Loads a table into the device's inactive slot (DM_TABLE_LOAD); <see cref="Resume"/> makes it live.</summary>
    /// <param name="name">The device.</param>
    /// <param name="targets">The table, in order from sector 0.</param>
    /// <param name="readOnly">Load it read-only.</param>
    /// <returns>The device's info after the load.</returns>
    /// <exception cref="ArgumentException">The table is empty or a target type is longer than 15 bytes.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmInvalidArgumentException">The kernel refused the table; the message quotes it.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public DmDeviceInfo LoadTable(string name, IReadOnlyList<DmTargetSpec> targets, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            throw new ArgumentException("A table needs at least one target.", nameof(targets));
        }

        var payload = EncodeTable(targets);
        var flags = readOnly ? Flags.ReadOnly : Flags.None;
        try
        {
            return Call(Command.TableLoad, "table load", name, static reply => reply.Info(), flags, payload, (uint)targets.Count);
        }
        catch (DmInvalidArgumentException ex)
        {
            var table = string.Join("; ", targets);
            throw new DmInvalidArgumentException(ex.Operation, ex.Device, ex.Errno, $"{ex.Message} Table: {table}");
        }
    }

    /// <summary>Drops the inactive table (DM_TABLE_CLEAR).</summary>
    /// <param name="name">The device.</param>
    /// <returns>The device's info.</returns>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public DmDeviceInfo ClearInactiveTable(string name) => Call(Command.TableClear, "clear", name, static reply => reply.Info());

    /// <summary>Suspends the device: I/O is held (queued) until resume.</summary>
    /// <param name="name">The device.</param>
    /// <param name="noFlush">Do not flush queued I/O first (needed when it cannot complete, e.g. an out-of-space pool).</param>
    /// <param name="skipLockfs">Do not freeze a filesystem on it.</param>
    /// <returns>The device's info.</returns>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public DmDeviceInfo Suspend(string name, bool noFlush = false, bool skipLockfs = false)
    {
        var flags = Flags.Suspend | (noFlush ? Flags.NoFlush : 0) | (skipLockfs ? Flags.SkipLockfs : 0);
        return Call(Command.DevSuspend, "suspend", name, static reply => reply.Info(), flags);
    }

    /// <summary>Resumes the device, swapping in an inactive table if one is loaded.</summary>
    /// <param name="name">The device.</param>
    /// <param name="udevCookie">A udev cookie to pass in the uevent (0 for none). When the kernel raises no uevent (the
    /// device was not suspended and had no inactive table, or the call failed) udev will not complete the cookie, so this
    /// completes it, as libdevmapper does: a waiter on the cookie returns at once.</param>
    /// <returns>The device's info.</returns>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmInvalidArgumentException">The device has no table to resume.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public DmDeviceInfo Resume(string name, uint udevCookie = 0) =>
        Call(Command.DevSuspend, "resume", name, static reply => reply.Info(), eventNr: udevCookie);

    /// <summary>Removes the device (DM_DEV_REMOVE).</summary>
    /// <param name="name">The device.</param>
    /// <param name="deferred">When open, remove it at the last close instead of failing with EBUSY.</param>
    /// <param name="udevCookie">A udev cookie to pass in the uevent (0 for none); completed here when the kernel raises
    /// none (a deferred remove of an open device, or a failure).</param>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmDeviceBusyException">It is open (and not deferred).</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public void Remove(string name, bool deferred = false, uint udevCookie = 0) =>
        Run(Command.DevRemove, "remove", name, deferred ? Flags.DeferredRemove : Flags.None, eventNr: udevCookie);

    /// <summary>Removes the device if it exists.</summary>
    /// <param name="name">The device.</param>
    /// <returns>True when it was removed, false when it did not exist.</returns>
    /// <exception cref="DmDeviceBusyException">It is open.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public bool TryRemove(string name)
    {
        try
        {
            Remove(name);
            return true;
        }
        catch (DmDeviceNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The device's info (DM_DEV_STATUS).</summary>
    /// <param name="name">The device.</param>
    /// <param name="queryInactive">Report the inactive table's target count.</param>
    /// <returns>Its info.</returns>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public DmDeviceInfo GetInfo(string name, bool queryInactive = false) =>
        Call(Command.DevStatus, "info", name, static reply => reply.Info(), queryInactive ? Flags.QueryInactiveTable : Flags.None);

    /// <summary>The device's info, or null when it does not exist.</summary>
    /// <param name="name">The device.</param>
    /// <returns>Its info, or null.</returns>
    /// <exception cref="DmOperationException">A kernel error other than "no such device".</exception>
    public DmDeviceInfo? TryGetInfo(string name)
    {
        try
        {
            return GetInfo(name);
        }
        catch (DmDeviceNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The device's table (DM_TABLE_STATUS with STATUS_TABLE), live or inactive.</summary>
    /// <param name="name">The device.</param>
    /// <param name="inactive">The inactive table instead of the live one.</param>
    /// <returns>The table lines as the kernel prints them.</returns>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public IReadOnlyList<DmTargetSpec> GetTable(string name, bool inactive = false) =>
        Call(Command.TableStatus, "table", name, static reply => reply.Targets(), Flags.StatusTable | (inactive ? Flags.QueryInactiveTable : 0));

    /// <summary>The device's status lines (DM_TABLE_STATUS).</summary>
    /// <param name="name">The device.</param>
    /// <param name="noFlush">Do not flush before reporting (thin-pool: avoids committing metadata).</param>
    /// <param name="inactive">Report the inactive table's targets.</param>
    /// <returns>One status line per target.</returns>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public IReadOnlyList<DmTargetSpec> GetStatus(string name, bool noFlush = false, bool inactive = false) =>
        Call(Command.TableStatus, "status", name, static reply => reply.Targets(), (noFlush ? Flags.NoFlush : 0) | (inactive ? Flags.QueryInactiveTable : 0));

    /// <summary>The devices the live table uses (DM_TABLE_DEPS).</summary>
    /// <param name="name">The device.</param>
    /// <returns>Their device numbers.</returns>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public IReadOnlyList<DeviceNumber> GetDependencies(string name)
    {
        return Call(Command.TableDeps, "deps", name, static reply =>
        {
            var count = reply.U32(reply.DataStart + DepsOffCount);
            var result = new DeviceNumber[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = DeviceNumber.FromEncoded(reply.U64(reply.DataStart + DepsOffDev + (i * 8)));
            }

            return result;
        });
    }

    /// <summary>Sends a message to a target (DM_TARGET_MSG) and returns the target's answer, if any.</summary>
    /// <param name="name">The device.</param>
    /// <param name="message">The message, e.g. "create_thin 0" or "@stats_list".</param>
    /// <param name="sector">The sector that selects the target; 0 for the first.</param>
    /// <returns>The answer (DATA_OUT), or null when the target answered nothing.</returns>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmMessageRefusedException">The target refused the message (or takes none), with the kernel's errno;
    /// at this level without the target type and the kernel's reason, which the backends add.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public string? SendMessage(string name, string message, Sectors sector = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        var text = Encoding.UTF8.GetBytes(message);
        var payload = new byte[Align8(MessageOffText + text.Length + 1)];
        MemoryMarshal.Write(payload, (ulong)sector.Count);
        text.CopyTo(payload, MessageOffText);
        return Call(Command.TargetMsg, "message", name,
            static reply => (reply.Flags & Flags.DataOut) != 0 ? reply.CString(reply.DataStart) : null, payload: payload, message: (message, sector));
    }

    /// <summary>Renames the device.</summary>
    /// <param name="name">The device.</param>
    /// <param name="newName">Its new name.</param>
    /// <param name="udevCookie">A udev cookie for the rename's uevent (0 for none); completed here when the kernel raises none.</param>
    /// <returns>The device's info under its new name.</returns>
    /// <exception cref="DmNameException">The new name is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmDeviceExistsException">The new name is taken.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public DmDeviceInfo Rename(string name, string newName, uint udevCookie = 0)
    {
        var payload = CStringPayload(DmNames.ToKernelName(newName));
        Run(Command.DevRename, "rename", name, payload: payload, eventNr: udevCookie);
        return GetInfo(newName);
    }

    /// <summary>Sets the uuid of a device that has none (DM_DEV_RENAME with the UUID flag).</summary>
    /// <param name="name">The device.</param>
    /// <param name="uuid">The uuid.</param>
    /// <returns>The device's info.</returns>
    /// <exception cref="DmNameException">The uuid is invalid.</exception>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="DmInvalidArgumentException">The device already has a uuid: uuids are immutable.</exception>
    /// <exception cref="DmDeviceExistsException">Another device has that uuid.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public DmDeviceInfo SetUuid(string name, string uuid)
    {
        var payload = CStringPayload(DmNames.ToKernelUuid(uuid));
        Run(Command.DevRename, "set uuid", name, Flags.Uuid, payload: payload);
        return GetInfo(name);
    }

    /// <summary>Every device, with uuids where the kernel reports them (one ioctl however many devices).</summary>
    /// <returns>The devices in the kernel's order.</returns>
    /// <exception cref="DmOperationException">The ioctl failed.</exception>
    public IReadOnlyList<DmListedDevice> ListDevices() => Call(Command.ListDevices, "list", null, static reply => reply.NameList(), Flags.Uuid);

    /// <summary>Every registered target type with its version (dmsetup targets).</summary>
    /// <returns>The targets.</returns>
    /// <exception cref="DmOperationException">The ioctl failed.</exception>
    public IReadOnlyList<DmTargetVersion> ListTargetVersions() => Call(Command.ListVersions, "list versions", null, static reply => reply.Versions());

    /// <summary>One target type's version, loading its module if the kernel can (DM_GET_TARGET_VERSION, interface 4.41+).</summary>
    /// <param name="targetType">e.g. "thin-pool".</param>
    /// <returns>The version, or null when the kernel has no such target.</returns>
    /// <exception cref="DmOperationException">The ioctl failed otherwise (e.g. an older kernel without this command).</exception>
    public DmTargetVersion? GetTargetVersion(string targetType)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetType);
        try
        {
            return Call(Command.GetTargetVersion, "target version", null, static reply => reply.Versions().SingleOrDefault(), rawName: targetType);
        }
        catch (DmInvalidArgumentException)
        {
            return null; // the kernel answers EINVAL for a target type it does not know
        }
    }

    /// <summary>
    /// Waits until the device's event number exceeds <paramref name="afterEventNumber"/> (a pool
    /// crossing its low water mark, a snapshot filling up, …). Event-driven: the control node is
    /// armed (DM_DEV_ARM_POLL) and polled, so the wait ends as soon as the kernel raises an event,
    /// and cancellation is honoured within 100 ms.
    /// </summary>
    /// <param name="name">The device.</param>
    /// <param name="afterEventNumber">The event number seen last.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The device's info once the event has happened.</returns>
    /// <exception cref="DmDeviceNotFoundException">No such device.</exception>
    /// <exception cref="OperationCanceledException">Cancelled first.</exception>
    /// <exception cref="DmOperationException">Another kernel error.</exception>
    public Task<DmDeviceInfo> WaitForEventAsync(string name, uint afterEventNumber, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            while (true)
            {
                Run(Command.DevArmPoll, "arm poll", null);
                var info = GetInfo(name);
                if (info.EventNumber != afterEventNumber)
                {
                    return info;
                }

                cancellationToken.ThrowIfCancellationRequested();
                PollControl(100);
            }
        }, cancellationToken);

    /// <summary>Closes the control node.</summary>
    public void Dispose() => _control.Dispose();

    private unsafe void PollControl(int timeoutMs)
    {
        var added = false;
        _control.DangerousAddRef(ref added);
        try
        {
            var fd = new PollFd { Fd = (int)_control.DangerousGetHandle(), Events = POLLIN };
            _ = DmIoctl.Poll(&fd, 1, timeoutMs);
        }
        finally
        {
            if (added)
            {
                _control.DangerousRelease();
            }
        }
    }

    /// <summary>One ioctl whose answer is not needed beyond success.</summary>
    private void Run(Command command, string operation, string? name, Flags flags = Flags.None, byte[]? payload = null, uint eventNr = 0) =>
        Call(command, operation, name, static _ => true, flags, payload, eventNr: eventNr);

    /// <summary>
    /// One ioctl: the buffer is rented, the answer parsed while it is held, then returned, so a
    /// listing of 1000 devices does not allocate (and zero) a large-object-heap array per call.
    /// </summary>
    private T Call<T>(Command command, string operation, string? name, Func<Reply, T> parse, Flags flags = Flags.None,
        byte[]? payload = null, uint targetCount = 0, uint eventNr = 0, string? uuid = null, string? rawName = null,
        string? kernelName = null, (string Text, Sectors Sector)? message = null)
    {
        // A udev cookie is settled once for its ioctl: by udev's rule when the kernel raised the
        // uevent, here otherwise. The kernel raises none when there is nothing to announce (a resume
        // of a running device, a deferred remove of an open one) or the call fails, and says so by
        // leaving DM_UEVENT_GENERATED_FLAG clear; libdevmapper's dm_task_run then completes the
        // cookie itself (_udev_complete), and so does this, instead of leaving a waiter to time out.
        var ueventRaised = false;
        try
        {
            kernelName ??= name is null ? rawName : DmNames.ToKernelName(name);
            // The kernel copies data_size bytes in and out on every call, so commands that answer
            // with the header alone send just the header and payload; only those that answer with
            // records (lists, tables, statuses, messages) get libdevmapper's 16 KiB start.
            var answerRoom = HasRecordAnswer(command) ? Math.Max(InitialBufferSize, Volatile.Read(ref _answerSizeHints[(int)command])) : 0;
            var size = Math.Max(answerRoom, Align8(HeaderSize + (payload?.Length ?? 0)));
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(size);
                var span = buffer.AsSpan(0, size);
                span.Clear();
                MemoryMarshal.Write(span[OffVersion..], VersionMajor);
                MemoryMarshal.Write(span[OffDataSize..], (uint)size);
                MemoryMarshal.Write(span[OffDataStart..], (uint)HeaderSize);
                MemoryMarshal.Write(span[OffTargetCount..], targetCount);
                MemoryMarshal.Write(span[OffFlags..], (uint)flags);
                MemoryMarshal.Write(span[OffEventNr..], eventNr);
                WriteCString(span.Slice(OffName, NameLength), kernelName);
                WriteCString(span.Slice(OffUuid, UuidLength), uuid);
                payload?.CopyTo(span[HeaderSize..]);

                int result;
                unsafe
                {
                    fixed (byte* pointer = buffer)
                    {
                        result = DmIoctl.Ioctl(_control, Request(command), pointer);
                    }
                }

                try
                {
                    if (result < 0)
                    {
                        var errno = ErrnoExtensions.FromLastPInvokeError();
                        LogIoctl(command, name ?? rawName, started, errno);
                        throw DmErrnoMapping.ToException(command, operation, name ?? rawName, errno, null, message);
                    }

                    var reply = new Reply(buffer, size);
                    if ((reply.Flags & Flags.BufferFull) != 0 && size < MaxBufferSize)
                    {
                        size *= 2; // the answer did not fit: ask again with room for it, as libdevmapper does
                        Volatile.Write(ref _answerSizeHints[(int)command], size);
                        continue;
                    }

                    LogIoctl(command, name ?? rawName, started, Errno.None);
                    ueventRaised = (reply.Flags & Flags.UeventGenerated) != 0;
                    return parse(reply);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        finally
        {
            if (!ueventRaised)
            {
                UdevCookie.CompleteUnraised(eventNr, _log);
            }
        }
    }

    private void LogIoctl(Command command, string? device, long started, Errno errno)
    {
        if (_log.IsEnabled(LogEventLevel.Debug))
        {
            _log.Debug("dm ioctl {DmCommand} {Device} errno {Errno} in {DurationUs:0} µs", command, device, errno,
                Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
    }

    private static byte[] EncodeTable(IReadOnlyList<DmTargetSpec> targets)
    {
        var total = 0;
        foreach (var target in targets)
        {
            var typeBytes = Encoding.UTF8.GetByteCount(target.TargetType);
            if (typeBytes == 0 || typeBytes >= MaxTypeName)
            {
                throw new ArgumentException($"Target type '{target.TargetType}' must be 1 to {MaxTypeName - 1} bytes.", nameof(targets));
            }

            total += SpecSize(target);
        }

        var payload = new byte[total];
        var offset = 0;
        foreach (var target in targets)
        {
            // Each spec is padded to 8 bytes, as libdevmapper does; next is relative to this spec.
            var size = SpecSize(target);
            var block = payload.AsSpan(offset, size);
            MemoryMarshal.Write(block[SpecOffSectorStart..], (ulong)target.Start.Count);
            MemoryMarshal.Write(block[SpecOffLength..], (ulong)target.Length.Count);
            MemoryMarshal.Write(block[SpecOffNext..], (uint)size);
            Encoding.UTF8.GetBytes(target.TargetType, block[SpecOffTargetType..]);
            Encoding.UTF8.GetBytes(target.Parameters, block[TargetSpecSize..]);
            offset += size;
        }

        return payload;
    }

    private static int SpecSize(DmTargetSpec target) => Align8(TargetSpecSize + Encoding.UTF8.GetByteCount(target.Parameters) + 1);

    private static byte[] CStringPayload(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var payload = new byte[Align8(bytes.Length + 1)];
        bytes.CopyTo(payload, 0);
        return payload;
    }

    private static void WriteCString(Span<byte> field, string? value)
    {
        if (value is null)
        {
            return;
        }

        var written = Encoding.UTF8.GetBytes(value, field);
        if (written >= field.Length)
        {
            throw new DmNameException(value, $"'{value}' does not fit the kernel's {field.Length - 1}-byte field.");
        }
    }

    internal static int Align8(int value) => (value + 7) & ~7;

    private static bool HasRecordAnswer(Command command) => command is Command.ListDevices or Command.TableStatus
        or Command.TableDeps or Command.ListVersions or Command.GetTargetVersion or Command.TargetMsg;
}
