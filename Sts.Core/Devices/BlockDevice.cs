using System.Globalization;
using System.Runtime.InteropServices;
using Sts.Core.Interop;
using Sts.Core.Units;

namespace Sts.Core.Devices;

/// <summary>
/// A block device seen through sysfs (<c>/sys/class/block/NAME</c>). Properties are read live,
/// so a resize or a new holder is seen at once. I/O helpers read and write at byte offsets with
/// the data flushed to the device, for tests that check where data landed.
/// </summary>
public class BlockDevice : StorageDevice
{
    private readonly string _sysfs;

    /// <summary>Opens a block device by its node or any symlink to it (/dev/mapper/x, /dev/disk/by-id/…).</summary>
    /// <param name="path">A path under /dev.</param>
    /// <exception cref="DeviceNotFoundException">The path does not exist or is not a block device known to sysfs.</exception>
    public BlockDevice(string path) : base(path)
    {
        var resolved = ResolveNode(path);
        KernelName = System.IO.Path.GetFileName(resolved);
        _sysfs = $"/sys/class/block/{KernelName}";
        if (!Directory.Exists(_sysfs))
        {
            throw new DeviceNotFoundException(path, $"no {_sysfs}");
        }
    }

    /// <summary>Opens a block device by its kernel name (e.g. "loop0", "dm-3").</summary>
    /// <param name="kernelName">The name under /sys/class/block.</param>
    /// <returns>The device, with its node under /dev.</returns>
    /// <exception cref="DeviceNotFoundException">No such device in sysfs.</exception>
    public static BlockDevice FromKernelName(string kernelName) => new($"/dev/{kernelName}");

    /// <inheritdoc />
    public override string KernelName { get; }

    /// <summary>The device's major:minor.</summary>
    public DeviceNumber DeviceNumber => DeviceNumber.Parse(ReadAttribute("dev"));

    /// <summary>The size, from sysfs (always counted in 512-byte sectors there).</summary>
    public override Size Size => SizeInSectors.ToSize();

    /// <summary>The size in 512-byte sectors.</summary>
    public Sectors SizeInSectors => Sectors.Parse(ReadAttribute("size"));

    /// <summary>The smallest unit the device addresses (queue/logical_block_size).</summary>
    public int LogicalBlockSize => ReadQueueInt("logical_block_size");

    /// <summary>The device's physical block size (queue/physical_block_size).</summary>
    public int PhysicalBlockSize => ReadQueueInt("physical_block_size");

    /// <summary>True when the kernel marks the device read-only.</summary>
    public bool IsReadOnly => ReadAttribute("ro") == "1";

    /// <summary>Kernel names of the devices stacked on this one (e.g. a dm device over a loop).</summary>
    public IReadOnlyList<string> Holders => ListDirectory("holders");

    /// <summary>Kernel names of the devices this one is stacked on.</summary>
    public IReadOnlyList<string> Slaves => ListDirectory("slaves");

    /// <summary>Reads bytes at a byte offset, bypassing nothing: call <see cref="FlushBuffers"/> first to drop stale cache.</summary>
    /// <param name="offset">Where to start reading.</param>
    /// <param name="length">How many bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes read.</returns>
    /// <exception cref="DeviceException">The read failed or came back short (past the end).</exception>
    public async Task<byte[]> ReadAsync(Size offset, int length, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[length];
        using var handle = Open(FileAccess.Read, FileOptions.Asynchronous);
        var done = 0;
        try
        {
            while (done < length)
            {
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(done), offset.Bytes + done, cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    throw new DeviceException(Path, $"Short read from {Path}: {done} of {length} bytes at offset {offset.Bytes}.");
                }

                done += read;
            }
        }
        catch (IOException ex)
        {
            throw new DeviceException(Path, $"Reading {length} bytes at offset {offset.Bytes} of {Path} failed: {ex.Message}", ex);
        }

        return buffer;
    }

    /// <summary>Writes bytes at a byte offset and flushes them to the device (fsync).</summary>
    /// <param name="offset">Where to write.</param>
    /// <param name="data">The bytes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="DeviceException">The write or the flush failed (e.g. EIO, ENOSPC, a read-only device).</exception>
    public async Task WriteAsync(Size offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        try
        {
            using var handle = Open(FileAccess.ReadWrite, FileOptions.Asynchronous);
            await RandomAccess.WriteAsync(handle, data, offset.Bytes, cancellationToken).ConfigureAwait(false);
            // Not RandomAccess.FlushToDisk: it swallows fsync's EIO, so a write the device lost
            // (e.g. on an error or flakey target) would look like a success.
            if (Libc.Fsync(handle) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"fsync failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeviceException(Path, $"Writing {data.Length} bytes at offset {offset.Bytes} of {Path} failed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Writes bytes with O_DIRECT, bypassing the page cache: the write call itself fails when the
    /// device fails the I/O (EIO, ENOSPC from a full thin-pool), where a buffered write would only
    /// be logged by the kernel ("lost async page write"). A write the device holds (a thin-pool in
    /// queue mode, a suspended device) blocks until the device completes it.
    /// </summary>
    /// <param name="offset">Where to write: a multiple of the logical block size.</param>
    /// <param name="data">The bytes: a multiple of the logical block size.</param>
    /// <param name="cancellationToken">Cancels the wait (the kernel may still complete the write).</param>
    /// <returns>A task that completes when the device completed the write.</returns>
    /// <exception cref="ArgumentException">The offset or length is not a multiple of the logical block size.</exception>
    /// <exception cref="DeviceException">The device failed the write; the inner <see cref="IOException"/>'s HResult is the errno.</exception>
    public Task WriteDirectAsync(Size offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        EnsureDirectAligned(offset, data.Length);
        return Task.Run(() => DirectIo(offset, data.Length, write: true, buffer => data.Span.CopyTo(buffer)), cancellationToken);
    }

    /// <summary>Reads bytes with O_DIRECT: what the device holds now, not what this node's page cache remembers.</summary>
    /// <param name="offset">Where to read: a multiple of the logical block size.</param>
    /// <param name="length">How many bytes: a multiple of the logical block size.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ArgumentException">The offset or length is not a multiple of the logical block size.</exception>
    /// <exception cref="DeviceException">The device failed the read, or it came back short; the inner <see cref="IOException"/>'s HResult is the errno.</exception>
    public Task<byte[]> ReadDirectAsync(Size offset, int length, CancellationToken cancellationToken = default)
    {
        EnsureDirectAligned(offset, length);
        return Task.Run(() =>
        {
            var result = new byte[length];
            DirectIo(offset, length, write: false, buffer => buffer.CopyTo(result));
            return result;
        }, cancellationToken);
    }

    private void EnsureDirectAligned(Size offset, int length)
    {
        var block = LogicalBlockSize;
        if (offset.Bytes % block != 0 || length <= 0 || length % block != 0)
        {
            throw new ArgumentException(
                $"Direct I/O on {Path} needs an offset and a length that are multiples of its logical block size {block}: offset {offset.Bytes}, length {length}.");
        }
    }

    /// <summary>One O_DIRECT read or write through a page-aligned buffer; <paramref name="transfer"/> fills it (write) or reads it (read).</summary>
    private unsafe void DirectIo(Size offset, int length, bool write, SpanAction transfer)
    {
        const int Alignment = 4096;
        var memory = NativeMemory.AlignedAlloc((nuint)length, Alignment);
        try
        {
            var buffer = new Span<byte>(memory, length);
            var fd = Libc.Open(Path, (write ? Libc.O_RDWR : Libc.O_RDONLY) | Libc.O_DIRECT | Libc.O_CLOEXEC);
            if (fd < 0)
            {
                throw Failure(write, length, offset, Marshal.GetLastPInvokeError());
            }

            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
            if (write)
            {
                transfer(buffer);
            }

            var done = 0;
            while (done < length)
            {
                var count = write
                    ? Libc.PWrite(handle, (byte*)memory + done, (nuint)(length - done), offset.Bytes + done)
                    : Libc.PRead(handle, (byte*)memory + done, (nuint)(length - done), offset.Bytes + done);
                if (count < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.EINTR)
                    {
                        continue;
                    }

                    throw Failure(write, length, offset, errno);
                }

                if (count == 0)
                {
                    throw new DeviceException(Path, $"Short direct {(write ? "write to" : "read from")} {Path}: {done} of {length} bytes at offset {offset.Bytes}.");
                }

                done += (int)count;
            }

            if (!write)
            {
                transfer(buffer);
            }
        }
        finally
        {
            NativeMemory.AlignedFree(memory);
        }
    }

    private DeviceException Failure(bool write, int length, Size offset, int errno) =>
        new(Path, $"Direct {(write ? "write of" : "read of")} {length} bytes at offset {offset.Bytes} of {Path} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).",
            new IOException(Marshal.GetPInvokeErrorMessage(errno), errno));

    private delegate void SpanAction(Span<byte> buffer);

    /// <summary>
    /// Drops the device's page cache (BLKFLSBUF), so the next read sees what lower layers hold
    /// rather than what this node cached, e.g. after writing through a device stacked on it.
    /// </summary>
    /// <exception cref="DeviceException">The ioctl failed.</exception>
    public void FlushBuffers()
    {
        using var handle = Open(FileAccess.Read, FileOptions.None);
        if (Libc.Ioctl(handle, Libc.BLKFLSBUF, 0) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new DeviceException(Path, $"BLKFLSBUF on {Path} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
        }
    }

    /// <summary>Reads one attribute file of the device's sysfs directory.</summary>
    /// <param name="relativePath">e.g. "size", "queue/rotational", "loop/backing_file".</param>
    /// <returns>The content, trimmed.</returns>
    /// <exception cref="DeviceNotFoundException">The device is gone.</exception>
    public string ReadAttribute(string relativePath)
    {
        try
        {
            return File.ReadAllText(System.IO.Path.Combine(_sysfs, relativePath)).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeviceNotFoundException(Path, $"{_sysfs}/{relativePath} is missing");
        }
    }

    private int ReadQueueInt(string attribute)
    {
        // Partitions have no queue directory of their own: it is their disk's.
        var relative = Directory.Exists(System.IO.Path.Combine(_sysfs, "queue")) ? $"queue/{attribute}" : $"../queue/{attribute}";
        return int.Parse(ReadAttribute(relative), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private List<string> ListDirectory(string relative)
    {
        var directory = System.IO.Path.Combine(_sysfs, relative);
        return Directory.Exists(directory)
            ? Directory.EnumerateFileSystemEntries(directory).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private Microsoft.Win32.SafeHandles.SafeFileHandle Open(FileAccess access, FileOptions options)
    {
        try
        {
            return File.OpenHandle(Path, FileMode.Open, access, FileShare.ReadWrite, options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeviceException(Path, $"Cannot open {Path} for {access}: {ex.Message}", ex);
        }
    }

    private static string ResolveNode(string path)
    {
        if (!File.Exists(path))
        {
            throw new DeviceNotFoundException(path, "no such node");
        }

        var info = new FileInfo(path);
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }
}
