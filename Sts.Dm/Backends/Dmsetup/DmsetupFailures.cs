using System.Text.RegularExpressions;
using Sts.Core;
using Sts.Core.Commands;
using Sts.Core.Units;
using Sts.Dm.Errors;
using DmIoctlCommand = Sts.Dm.Interop.DmIoctl.Command;

namespace Sts.Dm.Backends.Dmsetup;

/// <summary>
/// Reads a failed dmsetup's report back into the ioctl and errno that failed, and hands them to
/// the one mapping both backends use (<see cref="DmErrnoMapping"/>). libdevmapper reports a
/// refused ioctl as "device-mapper: &lt;ioctl&gt; ioctl on &lt;name&gt; ... failed:
/// &lt;strerror&gt;" (lvm2 libdm/ioctl/libdm-iface.c, _do_dm_ioctl), and a device that is not
/// there as "Device does not exist." (dmsetup.c); the strerror text gives back the errno.
/// </summary>
internal static partial class DmsetupFailures
{
    // libdevmapper's own words first, then the C library's text of every errno Sts names (strerror,
    // as libdevmapper prints it), longest first: "No such device" is a prefix of "No such device or
    // address". Without the full list an errno like EOVERFLOW ("Value too large for defined data
    // type") read back as none, and dmsetup's exception differed from the ioctl backend's.
    private static readonly (string Text, Errno Errno)[] ErrnoTexts =
    [
        .. LibdevmapperTexts(),
        .. Enum.GetValues<Errno>().Where(errno => errno != Errno.None).Select(errno => (Text: errno.Describe(), Errno: errno))
            .Where(entry => entry.Text.Length > 0 && !entry.Text.StartsWith("Unknown error", StringComparison.Ordinal))
            .OrderByDescending(entry => entry.Text.Length),
    ];

    private static (string Text, Errno Errno)[] LibdevmapperTexts() =>
    [
        ("No such device or address", Errno.ENXIO),
        ("Device does not exist", Errno.ENXIO),
        ("Device or resource busy", Errno.EBUSY),
        ("File exists", Errno.EEXIST),
        ("Invalid argument", Errno.EINVAL),
        ("Operation not permitted", Errno.EPERM),
        ("Permission denied", Errno.EACCES),
        ("No such device", Errno.ENODEV),
        ("Cannot allocate memory", Errno.ENOMEM),
        ("No space left on device", Errno.ENOSPC),
        ("Input/output error", Errno.EIO),
        ("No such file or directory", Errno.ENOENT), // e.g. a dm-stats region that does not exist
        ("File too large", Errno.EFBIG),
        ("No data available", Errno.ENODATA),
        ("Operation not supported", Errno.EOPNOTSUPP),
    ];

    // libdevmapper's names of the ioctls (libdm-iface.c, _cmd_data_v4), as its reports spell them.
    private static readonly Dictionary<string, DmIoctlCommand> IoctlNames = new(StringComparer.Ordinal)
    {
        ["create"] = DmIoctlCommand.DevCreate,
        ["reload"] = DmIoctlCommand.TableLoad,
        ["remove"] = DmIoctlCommand.DevRemove,
        ["remove_all"] = DmIoctlCommand.RemoveAll,
        ["suspend"] = DmIoctlCommand.DevSuspend,
        ["resume"] = DmIoctlCommand.DevSuspend,
        ["info"] = DmIoctlCommand.DevStatus,
        ["deps"] = DmIoctlCommand.TableDeps,
        ["rename"] = DmIoctlCommand.DevRename,
        ["version"] = DmIoctlCommand.Version,
        ["status"] = DmIoctlCommand.TableStatus,
        ["table"] = DmIoctlCommand.TableStatus,
        ["waitevent"] = DmIoctlCommand.DevWait,
        ["names"] = DmIoctlCommand.ListDevices,
        ["clear"] = DmIoctlCommand.TableClear,
        ["versions"] = DmIoctlCommand.ListVersions,
        ["message"] = DmIoctlCommand.TargetMsg,
        ["setgeometry"] = DmIoctlCommand.DevSetGeometry,
        ["armpoll"] = DmIoctlCommand.DevArmPoll,
        ["target-version"] = DmIoctlCommand.GetTargetVersion,
    };

    /// <summary>The exception for a failed dmsetup run.</summary>
    /// <param name="ioctl">The ioctl the dmsetup command runs (the last one, when it runs several: create's resume).</param>
    /// <param name="operation">The operation as the backend names it.</param>
    /// <param name="device">The device, or null.</param>
    /// <param name="result">dmsetup's result.</param>
    /// <param name="message">For a target message: its text and sector.</param>
    /// <returns>The exception to throw.</returns>
    public static DmOperationException From(DmIoctlCommand ioctl, string operation, string? device, CommandResult result,
        (string Text, Sectors Sector)? message = null)
    {
        var stderr = result.StandardError.Trim();
        var report = IoctlFailure().Match(stderr);
        var reason = report.Success ? report.Groups["reason"].Value : stderr;
        var errno = ErrnoTexts.FirstOrDefault(e => reason.Contains(e.Text, StringComparison.Ordinal)).Errno;
        if (errno == Errno.None)
        {
            errno = ErrnoTexts.FirstOrDefault(e => stderr.Contains(e.Text, StringComparison.Ordinal)).Errno;
        }

        // The ioctl libdevmapper names is the one that failed (create's may be its reload or resume).
        if (report.Success)
        {
            var name = report.Groups["ioctl"].Value;
            ioctl = IoctlNames.GetValueOrDefault(name, ioctl);
            operation = ioctl is DmIoctlCommand.TableLoad ? "table load" : name;
        }

        var what = device is null ? $"dmsetup {operation}" : $"dmsetup {operation} of '{device}'";
        var text = $"{what} failed with exit code {result.ExitCode}: {(stderr.Length == 0 ? "(no standard error)" : stderr)} Command: {result.Command}";
        return DmErrnoMapping.ToException(ioctl, operation, device, errno, text, message);
    }

    [GeneratedRegex(@"device-mapper: (?<ioctl>\S+) ioctl on .*?failed: (?<reason>[^\n]+)", RegexOptions.CultureInvariant)]
    private static partial Regex IoctlFailure();
}
