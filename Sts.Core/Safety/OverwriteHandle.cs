using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Sts.Core.Devices;
using Sts.Core.Interop;

namespace Sts.Core.Safety;

/// <summary>
/// A device or file opened for a destructive write by <see cref="DeviceGuard.OpenForOverwrite(string, Sts.Core.Runs.RunContext?)"/>,
/// after the checks that nothing uses it. A block device is held open with O_EXCL for the
/// handle's lifetime, so no device-mapper table or mount can claim it between the check and the
/// write; for a file, every loop device over it is held the same way.
/// </summary>
public sealed class OverwriteHandle : IDisposable
{
    private readonly SafeFileHandle _target;
    private readonly List<SafeFileHandle> _claims;

    private OverwriteHandle(string path, SafeFileHandle target, List<SafeFileHandle> claims)
    {
        Path = path;
        _target = target;
        _claims = claims;
    }

    /// <summary>The resolved path being written.</summary>
    public string Path { get; }

    /// <summary>Opens <paramref name="real"/> (symlinks resolved) after checking that nothing uses it.</summary>
    internal static OverwriteHandle Open(string real)
    {
        var claims = new List<SafeFileHandle>();
        try
        {
            if (real.StartsWith("/dev/", StringComparison.Ordinal))
            {
                var target = OpenExclusive(real, System.IO.Path.GetFileName(real));
                return new OverwriteHandle(real, target, claims);
            }

            foreach (var loop in LoopsOver(real))
            {
                claims.Add(OpenExclusive($"/dev/{loop}", loop, $"{real} (through loop device {loop})"));
            }

            var file = File.OpenHandle(real, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return new OverwriteHandle(real, file, claims);
        }
        catch
        {
            claims.ForEach(c => c.Dispose());
            throw;
        }
    }

    /// <summary>Reads bytes at an offset (what a write will replace).</summary>
    /// <param name="offset">Byte offset.</param>
    /// <param name="length">How many bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes; fewer when the target ends first.</returns>
    /// <exception cref="IOException">The read failed.</exception>
    public async Task<byte[]> ReadAsync(long offset, int length, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[length];
        var done = 0;
        while (done < length)
        {
            var read = await RandomAccess.ReadAsync(_target, buffer.AsMemory(done), offset + done, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            done += read;
        }

        return buffer[..done];
    }

    /// <summary>Writes bytes at an offset and fsyncs them.</summary>
    /// <param name="offset">Byte offset.</param>
    /// <param name="data">The bytes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the data is on the device.</returns>
    /// <exception cref="DeviceException">The write or the fsync failed.</exception>
    public async Task WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        try
        {
            await RandomAccess.WriteAsync(_target, data, offset, cancellationToken).ConfigureAwait(false);
            if (Libc.Fsync(_target) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"fsync failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
            }
        }
        catch (IOException ex)
        {
            throw new DeviceException(Path, $"Writing {data.Length} bytes at offset {offset} of {Path} failed: {ex.Message}", ex);
        }
    }

    /// <summary>Closes the target and releases the claims.</summary>
    public void Dispose()
    {
        _target.Dispose();
        _claims.ForEach(c => c.Dispose());
    }

    /// <summary>Opens a block device with O_EXCL, refusing with the holders named when something uses it.</summary>
    private static SafeFileHandle OpenExclusive(string node, string kernelName, string? described = null)
    {
        var target = described ?? node;
        var holders = HoldersOf(kernelName);
        if (holders.Count > 0)
        {
            throw new DeviceInUseException(target, holders);
        }

        var fd = Libc.Open(node, Libc.O_RDWR | Libc.O_EXCL | Libc.O_CLOEXEC);
        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == Libc.EBUSY)
        {
            throw new DeviceInUseException(target, [MountOf(kernelName) ?? "another exclusive opener (open with O_EXCL failed: EBUSY)"]);
        }

        throw new IOException($"Cannot open {node} for writing: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).", errno);
    }

    /// <summary>The holders of a device and of its partitions, each named with its device-mapper name where it has one.</summary>
    internal static List<string> HoldersOf(string kernelName)
    {
        var sysfs = $"/sys/class/block/{kernelName}";
        if (!Directory.Exists(sysfs))
        {
            return [];
        }

        var parts = Directory.EnumerateDirectories(sysfs, $"{kernelName}*").Select(System.IO.Path.GetFileName).OfType<string>().Prepend(kernelName);
        return parts
            .SelectMany(part => Directory.Exists($"/sys/class/block/{part}/holders")
                ? Directory.EnumerateFileSystemEntries($"/sys/class/block/{part}/holders").Select(System.IO.Path.GetFileName).OfType<string>()
                : [])
            .Order(StringComparer.Ordinal)
            .Select(holder => DeviceGuard.ReadOrNull($"/sys/class/block/{holder}/dm/name") is { } dmName ? $"{holder} ({dmName})" : holder)
            .ToList();
    }

    /// <summary>"mounted at X" when the device is a mount's source, else null.</summary>
    private static string? MountOf(string kernelName)
    {
        var number = DeviceGuard.ReadOrNull($"/sys/class/block/{kernelName}/dev");
        if (number is null || !File.Exists("/proc/self/mountinfo"))
        {
            return null;
        }

        // mountinfo: id parent major:minor root mountpoint ...
        var mountPoint = File.ReadLines("/proc/self/mountinfo")
            .Select(line => line.Split(' '))
            .FirstOrDefault(fields => fields.Length > 4 && fields[2] == number)?[4];
        return mountPoint is null ? null : string.Create(CultureInfo.InvariantCulture, $"a mount at {mountPoint}");
    }

    /// <summary>The loop devices whose backing file is <paramref name="real"/>.</summary>
    private static List<string> LoopsOver(string real)
    {
        if (!Directory.Exists("/sys/class/block"))
        {
            return [];
        }

        return Directory.EnumerateDirectories("/sys/class/block", "loop*")
            .Select(System.IO.Path.GetFileName).OfType<string>()
            .Where(loop => DeviceGuard.ReadOrNull($"/sys/class/block/{loop}/loop/backing_file") is { } backing
                && RealPath.Resolve(backing.EndsWith(" (deleted)", StringComparison.Ordinal) ? backing[..^10] : backing) == real)
            .ToList();
    }
}
