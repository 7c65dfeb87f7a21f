using Sts.Core.Devices;
using Sts.Core.Runs;

namespace Sts.Core.Safety;

/// <summary>
/// Decides whether a destructive operation may touch a device or file: only what this run
/// created (a device-mapper device with the run's prefix, a loop device whose backing file lies in
/// the run's directory, a file in that directory) or a disk the user listed as a test disk
/// (<see cref="TestDisks"/>). Everything else is refused, so a misconfigured run cannot wipe a
/// real disk.
/// </summary>
public static class DeviceGuard
{
    /// <summary>
    /// The one door through which a device from outside enters the fixtures: checks that the run
    /// may destroy it (see <see cref="WhyNot(string, RunContext?)"/>) and returns the proof.
    /// </summary>
    /// <param name="device">The device.</param>
    /// <param name="run">The run asking; null for <see cref="RunContext.Current"/>.</param>
    /// <returns>The admitted device.</returns>
    /// <exception cref="UnsafeOperationException">The device was not created by the run and is not a listed test disk (or is a mounted one); the message says what it is.</exception>
    public static GuardedDevice Admit(BlockDevice device, RunContext? run = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        run ??= RunContext.Current;
        var (reason, basis) = Decide(device.Path, run, null);
        return reason is null
            ? new GuardedDevice(device, run, basis)
            : throw new UnsafeOperationException(device.Path, $"Refusing to touch {device.Path}: {reason}.");
    }

    /// <summary>
    /// Opens a device or file for a destructive write (metadata initialisation, damage, wipes): the
    /// run must be allowed to destroy it, and nothing may be using it. A block device is opened
    /// exclusively (O_EXCL), which the kernel refuses while a device-mapper table, a mount or
    /// another exclusive opener holds it; a file is refused while a loop device over it is held,
    /// and those loop devices stay claimed until the handle is disposed.
    /// </summary>
    /// <param name="path">A block device node (or a symlink to one) or a regular file.</param>
    /// <param name="run">The run asking; null for <see cref="RunContext.Current"/>.</param>
    /// <returns>The handle; dispose it when the write is done.</returns>
    /// <exception cref="DeviceInUseException">Something holds the device (the holders are named); nothing was written.</exception>
    /// <exception cref="UnsafeOperationException">The run may not destroy the target.</exception>
    /// <exception cref="IOException">The target could not be opened for another reason.</exception>
    public static OverwriteHandle OpenForOverwrite(string path, RunContext? run = null) => OpenForOverwrite(path, run, null);

    /// <summary>Opens a device or file for a destructive write, with an explicit list of test disks (see <see cref="OpenForOverwrite(string, RunContext?)"/>).</summary>
    /// <param name="path">A block device node (or a symlink to one) or a regular file.</param>
    /// <param name="run">The run asking; null for <see cref="RunContext.Current"/>.</param>
    /// <param name="testDisks">The disks the user allows; null for <see cref="TestDisks.Configured"/>.</param>
    /// <returns>The handle; dispose it when the write is done.</returns>
    /// <exception cref="DeviceInUseException">Something holds the device (the holders are named); nothing was written.</exception>
    /// <exception cref="UnsafeOperationException">The run may not destroy the target.</exception>
    /// <exception cref="IOException">The target could not be opened for another reason.</exception>
    public static OverwriteHandle OpenForOverwrite(string path, RunContext? run, IEnumerable<string>? testDisks)
    {
        if (WhyNot(path, run, testDisks) is { } reason)
        {
            throw new UnsafeOperationException(path, $"Refusing to touch {path}: {reason}.");
        }

        return OverwriteHandle.Open(RealPath.Resolve(path));
    }

    /// <summary>Throws unless the run may destroy the data on <paramref name="path"/>.</summary>
    /// <param name="path">A block device node (or a symlink to one) or a regular file.</param>
    /// <param name="run">The run asking; null for <see cref="RunContext.Current"/>.</param>
    /// <exception cref="UnsafeOperationException">The target was not created by the run and is not a listed test disk; the message says what it is (also for an empty path, a NUL character or a symlink loop).</exception>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    public static void EnsureMayDestroy(string path, RunContext? run = null)
    {
        if (WhyNot(path, run) is { } reason)
        {
            throw new UnsafeOperationException(path, $"Refusing to touch {path}: {reason}.");
        }
    }

    /// <summary>Why the run may not destroy <paramref name="path"/>, or null when it may.</summary>
    /// <param name="path">A block device node (or a symlink to one) or a regular file.</param>
    /// <param name="run">The run asking; null for <see cref="RunContext.Current"/>.</param>
    /// <returns>The reason, or null.</returns>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    public static string? WhyNot(string path, RunContext? run = null) => WhyNot(path, run, null);

    /// <summary>Why the run may not destroy <paramref name="path"/>, or null when it may; with an explicit list of test disks.</summary>
    /// <param name="path">A block device node (or a symlink to one) or a regular file.</param>
    /// <param name="run">The run asking; null for <see cref="RunContext.Current"/>.</param>
    /// <param name="testDisks">The disks the user allows; null for <see cref="TestDisks.Configured"/>.</param>
    /// <returns>The reason, or null.</returns>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    public static string? WhyNot(string path, RunContext? run, IEnumerable<string>? testDisks)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Decide(path, run ?? RunContext.Current, testDisks).Reason;
    }

    /// <summary>Why the run may not destroy <paramref name="path"/> (null when it may), and on what basis it may.</summary>
    private static (string? Reason, GuardBasis Basis) Decide(string path, RunContext run, IEnumerable<string>? testDisks)
    {
        if (GuardedPath.WhyUnusable(path) is { } unusable)
        {
            return (unusable, default);
        }

        var full = Resolve(path);
        if (full is null)
        {
            return ("it does not exist", default);
        }

        if (Directory.Exists(full))
        {
            return ("it is a directory", default);
        }

        if (!full.StartsWith("/dev/", StringComparison.Ordinal))
        {
            return IsInside(full, run.WorkDirectory)
                ? (null, GuardBasis.CreatedByRun)
                : ($"it is a file outside the run's directory {run.WorkDirectory}", default);
        }

        var kernelName = KernelNameOf(full);
        if (kernelName is null)
        {
            return ("it is not a block device the kernel lists in /sys/class/block", default);
        }

        var sysfs = $"/sys/class/block/{kernelName}";
        var dmName = ReadOrNull($"{sysfs}/dm/name");
        if (dmName is not null && run.Owns(dmName))
        {
            return (null, GuardBasis.CreatedByRun);
        }

        var backingFile = ReadOrNull($"{sysfs}/loop/backing_file");
        if (backingFile is not null && IsInside(backingFile, run.WorkDirectory))
        {
            return (null, GuardBasis.CreatedByRun);
        }

        if ((testDisks ?? TestDisks.Configured()).Any(disk => KernelNameOf(Resolve(disk) ?? disk) == kernelName))
        {
            return (TestDisks.WhyUnusable(kernelName), GuardBasis.ListedTestDisk);
        }

        var what = dmName is not null ? $"device-mapper device \"{dmName}\" of another owner"
            : backingFile is not null ? $"a loop device over {backingFile}, not a file of this run"
            : $"block device {kernelName}, which the run did not create";
        return ($"it is {what}, and not listed as a test disk ({TestDisks.Variable} or {TestDisks.ConfigFile})", default);
    }

    /// <summary>The path with every symlink resolved (in every component), or null when nothing is there.</summary>
    private static string? Resolve(string path)
    {
        return GuardedPath.TryResolve(path, out var real, out _) && (File.Exists(real) || Directory.Exists(real)) ? real : null;
    }

    /// <summary>The kernel name of a resolved node: its file name when sysfs knows it, else a dm device found by name.</summary>
    private static string? KernelNameOf(string node)
    {
        var name = Path.GetFileName(node);
        if (Directory.Exists($"/sys/class/block/{name}"))
        {
            return name;
        }

        // /dev/mapper/<name> is a node of its own when udev is not running: find the dm device by name.
        if (node.StartsWith("/dev/mapper/", StringComparison.Ordinal) && Directory.Exists("/sys/class/block"))
        {
            return Directory.EnumerateDirectories("/sys/class/block", "dm-*")
                .Select(Path.GetFileName)
                .FirstOrDefault(dm => ReadOrNull($"/sys/class/block/{dm}/dm/name") == name);
        }

        return null;
    }

    private static bool IsInside(string path, string directory)
    {
        // A path that cannot be resolved (a loop, a NUL from sysfs) is not inside anything.
        return GuardedPath.TryResolve(path, out var full, out _) && GuardedPath.TryResolve(directory, out var root, out _)
            && full.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    /// <summary>A sysfs attribute's trimmed content, or null when it is missing or unreadable.</summary>
    internal static string? ReadOrNull(string file)
    {
        try
        {
            return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
