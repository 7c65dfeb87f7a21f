using System.Text.RegularExpressions;
using Sts.Core.Commands;
using Sts.Dm.Errors;

namespace Sts.Dm.Backends.Dmsetup;

/// <summary>
/// Turns a failed dmsetup into the exception the ioctl backend throws for the same failure.
/// libdevmapper reports a refused ioctl as "device-mapper: &lt;ioctl&gt; ioctl on &lt;name&gt; ...
/// failed: &lt;strerror&gt;" (lvm2 libdm/ioctl/libdm-iface.c, _do_dm_ioctl), and a device that
/// is not there as "Device does not exist." (dmsetup.c); the strerror text gives back the errno.
/// </summary>
internal static partial class DmsetupFailures
{
    // Longest first: "No such device" is a prefix of "No such device or address".
    private static readonly (string Text, int Errno)[] ErrnoTexts =
    [
        ("No such device or address", 6),
        ("Device does not exist", 6),
        ("Device or resource busy", 16),
        ("File exists", 17),
        ("Invalid argument", 22),
        ("Operation not permitted", 1),
        ("Permission denied", 13),
        ("No such device", 19),
        ("Cannot allocate memory", 12),
        ("No space left on device", 28),
        ("Input/output error", 5),
        ("No such file or directory", 2), // ENOENT: e.g. a dm-stats region that does not exist
    ];

    public static DmOperationException From(string operation, string? device, CommandResult result)
    {
        var stderr = result.StandardError.Trim();
        var ioctl = IoctlFailure().Match(stderr);
        var failedIoctl = ioctl.Success ? ioctl.Groups["ioctl"].Value : operation;
        var reason = ioctl.Success ? ioctl.Groups["reason"].Value : stderr;
        var errno = ErrnoTexts.FirstOrDefault(e => reason.Contains(e.Text, StringComparison.Ordinal)).Errno;
        if (errno == 0)
        {
            errno = ErrnoTexts.FirstOrDefault(e => stderr.Contains(e.Text, StringComparison.Ordinal)).Errno;
        }

        var what = device is null ? $"dmsetup {operation}" : $"dmsetup {operation} of '{device}'";
        var message = $"{what} failed with exit code {result.ExitCode}: {(stderr.Length == 0 ? "(no standard error)" : stderr)} Command: {result.Command}";
        return errno switch
        {
            // The kernel answers a taken name or uuid with EBUSY on create and rename (dm_hash_insert,
            // dm_hash_rename), exactly as DmControl maps it.
            16 when failedIoctl is "create" or "rename" =>
                new DmDeviceExistsException(failedIoctl, device, errno, message + " The name or uuid is already in use."),
            6 => new DmDeviceNotFoundException(failedIoctl, device, errno, message),
            16 => new DmDeviceBusyException(failedIoctl, device, errno, message),
            17 => new DmDeviceExistsException(failedIoctl, device, errno, message),
            22 => new DmInvalidArgumentException(failedIoctl, device, errno, message + " The kernel log (dmesg) says why."),
            1 or 13 => new DmPermissionException(failedIoctl, device, errno, message),
            _ => new DmOperationException(failedIoctl, device, errno, message),
        };
    }

    [GeneratedRegex(@"device-mapper: (?<ioctl>\S+) ioctl on .*?failed: (?<reason>[^\n]+)", RegexOptions.CultureInvariant)]
    private static partial Regex IoctlFailure();
}
