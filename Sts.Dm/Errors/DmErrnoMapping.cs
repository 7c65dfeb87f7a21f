using Sts.Core;
using Sts.Core.Units;
using static Sts.Dm.Interop.DmIoctl;

namespace Sts.Dm.Errors;

/// <summary>
/// The one errno → exception mapping of device-mapper failures, used by both backends: the ioctl
/// backend with the errno the kernel returned, the dmsetup backend with the errno read back from
/// libdevmapper's report. The ioctl that failed decides as much as the errno: a target message
/// refused is <see cref="DmMessageRefusedException"/> whatever the errno, and EBUSY on create and
/// rename means the name is taken.
/// </summary>
internal static class DmErrnoMapping
{
    /// <summary>The exception for a failed ioctl.</summary>
    /// <param name="ioctl">The ioctl that failed.</param>
    /// <param name="operation">The operation as the backend names it ("create", "table load", …).</param>
    /// <param name="device">The device, or null for operations on the driver.</param>
    /// <param name="errno">The errno.</param>
    /// <param name="report">The backend's own report of the failure (dmsetup: exit code, standard error, command line), or null
    /// to describe it from the errno alone (the ioctl backend).</param>
    /// <param name="message">For <see cref="Command.TargetMsg"/>: the message sent and the sector it went to.</param>
    /// <returns>The exception to throw.</returns>
    internal static DmOperationException ToException(Command ioctl, string operation, string? device, Errno errno, string? report,
        (string Text, Sectors Sector)? message = null)
    {
        if (ioctl is Command.TargetMsg && errno != Errno.ENXIO && device is not null && message is { } sent)
        {
            return new DmMessageRefusedException(device, errno, sent.Text, sent.Sector, targetType: null, kernelReason: null, report);
        }

        var what = report ?? (device is null
            ? $"device-mapper {operation} failed: {errno.Describe()} ({errno})."
            : $"device-mapper {operation} of '{device}' failed: {errno.Describe()} ({errno}).");
        return errno switch
        {
            // target_message answers ENXIO for a missing (or a being-removed) device before any target sees the message.
            Errno.ENXIO => new DmDeviceNotFoundException(operation, device, errno, what),
            // The kernel's hash table answers a taken name or uuid with EBUSY, not EEXIST
            // (drivers/md/dm-ioctl.c, dm_hash_insert and dm_hash_rename).
            Errno.EBUSY when ioctl is Command.DevCreate or Command.DevRename =>
                new DmDeviceExistsException(operation, device, errno, what + " The name or uuid is already in use."),
            Errno.EBUSY => new DmDeviceBusyException(operation, device, errno, what),
            Errno.EEXIST => new DmDeviceExistsException(operation, device, errno, what),
            Errno.EINVAL => new DmInvalidArgumentException(operation, device, errno, what + " The kernel log (dmesg) says why."),
            // A target's constructor refusing its arguments answers its own errno, not always EINVAL:
            // ENODEV/ENOENT for a path that names no block device, EOVERFLOW for a major:minor that does
            // not fit dev_t (drivers/md/dm-table.c, dm_get_device). It is still the table that was refused.
            Errno.ENODEV or Errno.ENOENT or Errno.EOVERFLOW or Errno.ENOTBLK or Errno.ERANGE when ioctl is Command.TableLoad =>
                new DmInvalidArgumentException(operation, device, errno, what + " The kernel refused the table; the kernel log (dmesg) says why."),
            Errno.EPERM or Errno.EACCES => new DmPermissionException(operation, device, errno, what),
            _ => new DmOperationException(operation, device, errno, what),
        };
    }

    /// <summary>
    /// A table load that failed while creating a device: the device exists (it was just created),
    /// so "no such device" (ENXIO) is about a device the table maps (0:0, a number nothing has), and
    /// the table is what was refused. One rule for both backends' create.
    /// </summary>
    /// <param name="failure">The load's failure.</param>
    /// <param name="table">The table, for the message.</param>
    /// <returns>The exception to throw: <see cref="DmInvalidArgumentException"/> for a refused table, else the failure.</returns>
    internal static DmOperationException ForTableLoadOfNewDevice(DmOperationException failure, string table) =>
        failure switch
        {
            DmDeviceNotFoundException when failure.Operation == "table load" => new DmInvalidArgumentException(failure.Operation, failure.Device, failure.Errno,
                $"{failure.Message} The device was just created, so a device its table maps does not exist. Table: {table}"),
            _ => failure,
        };
}
