namespace Sts.Core.Safety;

/// <summary>
/// The disks a user has explicitly given the framework to destroy: <c>STS_TEST_DISKS</c>
/// (paths separated by commas or whitespace) and the lines of <c>/etc/sts/test-disks</c> (or the
/// file <c>STS_TEST_DISKS_FILE</c> names; '#' starts a comment). A listed disk that is mounted,
/// or has a mounted partition, is still refused.
/// </summary>
public static class TestDisks
{
    /// <summary>The environment variable listing test disks.</summary>
    public const string Variable = StsEnvironment.Variables.TestDisks;

    /// <summary>The environment variable naming a file of test disks.</summary>
    public const string FileVariable = StsEnvironment.Variables.TestDisksFile;

    /// <summary>The file read when <see cref="FileVariable"/> is not set.</summary>
    public const string DefaultFile = "/etc/sts/test-disks";

    /// <summary>The file of test disks in effect.</summary>
    public static string ConfigFile => StsEnvironment.TestDisksFile ?? DefaultFile;

    /// <summary>The listed disks, as given.</summary>
    /// <returns>The paths; empty when none are listed.</returns>
    /// <exception cref="IOException">The config file exists but cannot be read.</exception>
    public static IReadOnlyList<string> Configured()
    {
        var disks = new List<string>(StsEnvironment.TestDisks);

        if (File.Exists(ConfigFile))
        {
            disks.AddRange(File.ReadAllLines(ConfigFile)
                .Select(line => (line.Contains('#', StringComparison.Ordinal) ? line[..line.IndexOf('#', StringComparison.Ordinal)] : line).Trim())
                .Where(line => line.Length > 0));
        }

        return disks;
    }

    /// <summary>Why a listed disk may not be used now (it or a partition is mounted), or null.</summary>
    /// <param name="kernelName">The disk's kernel name, e.g. "sdb".</param>
    /// <returns>The reason, or null.</returns>
    public static string? WhyUnusable(string kernelName)
    {
        var partitions = Directory.Exists($"/sys/class/block/{kernelName}")
            ? Directory.EnumerateDirectories($"/sys/class/block/{kernelName}", $"{kernelName}*").Select(Path.GetFileName).OfType<string>()
            : [];
        var names = new HashSet<string>(partitions.Prepend(kernelName), StringComparer.Ordinal);
        var mounted = File.ReadLines("/proc/mounts")
            .Select(line => line.Split(' ')[0])
            .Where(source => source.StartsWith("/dev/", StringComparison.Ordinal))
            .Select(source => new FileInfo(source).ResolveLinkTarget(true)?.Name ?? Path.GetFileName(source))
            .FirstOrDefault(names.Contains);
        return mounted is null ? null : $"it is a listed test disk, but /dev/{mounted} is mounted";
    }
}
