using System.Globalization;
using System.Text.RegularExpressions;
using Sts.Core.Interop;

namespace Sts.Core.Host;

/// <summary>
/// Facts about the machine the tests run on, read from /proc and /dev: nothing is cached, so a
/// module loaded meanwhile is seen.
/// </summary>
public static partial class HostInfo
{
    /// <summary>The running kernel's release, as <c>uname -r</c> prints it.</summary>
    public static string KernelRelease => File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

    /// <summary>
    /// The running kernel's version: the leading numbers of the release ("6.1.0-56-amd64" → 6.1.0).
    /// </summary>
    /// <exception cref="StsException">The release does not start with a version.</exception>
    public static Version KernelVersion => ParseKernelVersion(KernelRelease);

    /// <summary>True when this process runs with effective user id 0.</summary>
    public static bool IsRoot => Libc.GetEffectiveUserId() == 0;

    /// <summary>
    /// True when the running kernel offers device-mapper: it registered the "device-mapper" misc
    /// device (/proc/misc). The node /dev/mapper/control alone proves nothing: libdevmapper
    /// creates it with mknod whenever dmsetup runs, even on a kernel without device-mapper.
    /// </summary>
    public static bool HasDeviceMapper => IsMiscDevice("device-mapper");

    /// <summary>True when loop devices can be allocated: <c>/dev/loop-control</c> exists.</summary>
    public static bool HasLoopControl => File.Exists("/dev/loop-control");

    /// <summary>True when this run is inside the Sts lab VM (its runner sets STS_LAB_VM=1).</summary>
    public static bool IsLabVm => Environment.GetEnvironmentVariable("STS_LAB_VM") == "1";

    /// <summary>Reads the leading version numbers of a kernel release string.</summary>
    /// <param name="release">A release such as "6.1.0-56-amd64" or "6.18.44-fc".</param>
    /// <returns>The version (major.minor[.patch]).</returns>
    /// <exception cref="StsException">The text does not start with major.minor.</exception>
    public static Version ParseKernelVersion(string release)
    {
        var match = KernelVersionPattern().Match(release);
        if (!match.Success)
        {
            throw new StsException($"Kernel release '{release}' does not start with a version number.");
        }

        return new Version(
            int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static bool IsMiscDevice(string name)
    {
        try
        {
            return File.ReadLines("/proc/misc").Any(line => line.Trim().EndsWith(" " + name, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^(\d+)\.(\d+)(?:\.(\d+))?")]
    private static partial Regex KernelVersionPattern();
}
