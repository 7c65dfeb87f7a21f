using Sts.Core.Interop;
using Sts.Core.Parsing;

namespace Sts.Core.Host;

/// <summary>
/// Facts about the machine the tests run on, read from /proc and /dev: nothing is cached, so a
/// module loaded meanwhile is seen.
/// </summary>
public static class HostInfo
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

    /// <summary>True when this run is inside the Sts lab VM (its runner sets STS_LAB_VM=1; see <see cref="StsEnvironment.IsLabVm"/>).</summary>
    /// <exception cref="StsEnvironmentException">STS_LAB_VM holds something other than "1" or "0".</exception>
    public static bool IsLabVm => StsEnvironment.IsLabVm;

    /// <summary>Reads the leading version numbers of a kernel release string.</summary>
    /// <param name="release">A release such as "6.1.0-56-amd64" or "6.18.44-fc".</param>
    /// <returns>The version (major.minor[.patch]).</returns>
    /// <exception cref="StsException">The text does not start with major.minor in ASCII digits, or a number does not fit 31 bits.</exception>
    /// <exception cref="ArgumentNullException">The release is null.</exception>
    public static Version ParseKernelVersion(string release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var rest = release.AsSpan();
        var major = LeadingNumber(ref rest, release);
        var minor = rest.StartsWith(".") ? LeadingNumber(ref rest, release, skip: 1) : null;
        if (major is null || minor is null)
        {
            throw new StsException($"Kernel release '{release}' does not start with a version number.");
        }

        var patch = rest.StartsWith(".") && rest.Length > 1 && char.IsAsciiDigit(rest[1]) ? LeadingNumber(ref rest, release, skip: 1) : 0;
        return new Version(major.Value, minor.Value, patch ?? 0);
    }

    // The ASCII digits at the start of text (after skipping some characters), or null when there are none.
    private static int? LeadingNumber(ref ReadOnlySpan<char> text, string release, int skip = 0)
    {
        text = text[skip..];
        var length = 0;
        while (length < text.Length && char.IsAsciiDigit(text[length]))
        {
            length++;
        }

        if (length == 0)
        {
            return null;
        }

        if (!AsciiNumber.TryParseNonNegativeInt32(text[..length], out var value))
        {
            throw new StsException($"Kernel release '{release}' has a version number too large to be one.");
        }

        text = text[length..];
        return value;
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
}
