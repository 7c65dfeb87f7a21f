using System.Collections.Immutable;
using Serilog;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Safety;

namespace Sts.Dmpd.Damage;

/// <summary>
/// Damages persistent-data metadata on purpose, for repair scenarios: zero the superblock (the
/// first 4 KiB block), zero or scramble a chosen 4 KiB block, overwrite bytes at an offset, flip
/// bits. It acts only on what the framework created:
/// <list type="bullet">
/// <item>regular files under the run's <see cref="RunContext.WorkDirectory"/>;</item>
/// <item>loop devices whose backing file lies under that directory (read from sysfs
/// <c>loop/backing_file</c>, so a node that was reused by someone else is refused);</item>
/// <item>device-mapper devices whose name the run owns (<see cref="RunContext.Owns"/>, read from
/// sysfs <c>dm/name</c>);</item>
/// <item>block devices listed in the environment variable <c>STS_TEST_DISKS</c>
/// (comma-separated paths), the explicit opt-in for lab disks.</item>
/// </list>
/// Anything else throws <see cref="UnsafeOperationException"/> before a byte is written. Paths
/// are checked after every symlink is resolved, and the resolved path is the one written.
/// </summary>
public sealed class MetadataDamage
{
    /// <summary>The persistent-data metadata block size: 4 KiB in every tool and kernel target.</summary>
    public const int BlockSize = 4096;

    /// <summary>The environment variable listing extra block devices that may be damaged (see <see cref="TestDisks"/>).</summary>
    public const string TestDisksVariable = TestDisks.Variable;

    private readonly RunContext _run;
    private readonly ImmutableArray<string>? _testDisks;

    /// <summary>Creates the helper for a run.</summary>
    /// <param name="run">The run whose files and devices may be damaged; null for <see cref="RunContext.Current"/>.</param>
    /// <param name="testDisks">Extra allowed block devices; null for the user's list (<see cref="TestDisks.Configured"/>: STS_TEST_DISKS and /etc/sts/test-disks).</param>
    public MetadataDamage(RunContext? run = null, IEnumerable<string>? testDisks = null)
    {
        _run = run ?? RunContext.Current;
        _testDisks = testDisks is null ? null : [.. testDisks];
    }

    /// <summary>Zeroes the superblock: block 0, the first 4 KiB.</summary>
    /// <param name="target">A metadata file or device the run created.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What was changed.</returns>
    /// <exception cref="UnsafeOperationException">The target is not the framework's, or something uses it (<see cref="DeviceInUseException"/>, naming the holder); nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is smaller than one block.</exception>
    /// <exception cref="IOException">The write failed.</exception>
    public Task<DamageRecord> ZeroSuperblockAsync(string target, CancellationToken cancellationToken = default) =>
        ZeroBlockAsync(target, 0, cancellationToken);

    /// <summary>Zeroes one 4 KiB metadata block.</summary>
    /// <param name="target">A metadata file or device the run created.</param>
    /// <param name="blockIndex">The block's index (0 is the superblock).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What was changed.</returns>
    /// <exception cref="UnsafeOperationException">The target is not the framework's, or something uses it (<see cref="DeviceInUseException"/>, naming the holder); nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The block lies beyond the end of the target.</exception>
    /// <exception cref="IOException">The write failed.</exception>
    public Task<DamageRecord> ZeroBlockAsync(string target, long blockIndex, CancellationToken cancellationToken = default) =>
        WriteAsync(target, BlockOffset(blockIndex), new byte[BlockSize], cancellationToken);

    /// <summary>
    /// Overwrites one 4 KiB metadata block with pseudo-random bytes (deterministic for a seed),
    /// so its checksum no longer matches.
    /// </summary>
    /// <param name="target">A metadata file or device the run created.</param>
    /// <param name="blockIndex">The block's index (0 is the superblock).</param>
    /// <param name="seed">The seed of the bytes written.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What was changed.</returns>
    /// <exception cref="UnsafeOperationException">The target is not the framework's, or something uses it (<see cref="DeviceInUseException"/>, naming the holder); nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The block lies beyond the end of the target.</exception>
    /// <exception cref="IOException">The write failed.</exception>
    public Task<DamageRecord> CorruptBlockAsync(string target, long blockIndex, int seed = 1, CancellationToken cancellationToken = default)
    {
        var bytes = new byte[BlockSize];
        new Random(seed).NextBytes(bytes);
        return WriteAsync(target, BlockOffset(blockIndex), bytes, cancellationToken);
    }

    /// <summary>Overwrites bytes at an offset.</summary>
    /// <param name="target">A metadata file or device the run created.</param>
    /// <param name="offset">The byte offset.</param>
    /// <param name="bytes">The bytes to write (at least one).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What was changed.</returns>
    /// <exception cref="UnsafeOperationException">The target is not the framework's, or something uses it (<see cref="DeviceInUseException"/>, naming the holder); nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range lies beyond the end of the target, or is empty.</exception>
    /// <exception cref="IOException">The write failed.</exception>
    public Task<DamageRecord> CorruptBytesAsync(string target, long offset, ReadOnlyMemory<byte> bytes,
        CancellationToken cancellationToken = default) =>
        WriteAsync(target, offset, bytes.ToArray(), cancellationToken);

    /// <summary>Flips the bits of one byte that are set in a mask.</summary>
    /// <param name="target">A metadata file or device the run created.</param>
    /// <param name="offset">The byte offset.</param>
    /// <param name="mask">The bits to flip (not zero).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What was changed.</returns>
    /// <exception cref="UnsafeOperationException">The target is not the framework's, or something uses it (<see cref="DeviceInUseException"/>, naming the holder); nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The offset lies beyond the end, or the mask is zero.</exception>
    /// <exception cref="IOException">The write failed.</exception>
    public async Task<DamageRecord> FlipBitsAsync(string target, long offset, byte mask = 0x01, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(mask);
        return await ChangeAsync(target, offset, 1, current => [(byte)(current[0] ^ mask)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Zeroes the superblock of a loop device the framework created over a file of its run.</summary>
    /// <param name="device">The loop device.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What was changed.</returns>
    /// <exception cref="UnsafeOperationException">The framework did not create the backing file, or the node now serves another file.</exception>
    /// <exception cref="IOException">The write failed.</exception>
    public Task<DamageRecord> ZeroSuperblockAsync(LoopDevice device, CancellationToken cancellationToken = default) =>
        ZeroSuperblockAsync(EnsureOwnedLoop(device), cancellationToken);

    /// <summary>Scrambles one block of a loop device the framework created over a file of its run.</summary>
    /// <param name="device">The loop device.</param>
    /// <param name="blockIndex">The block's index.</param>
    /// <param name="seed">The seed of the bytes written.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What was changed.</returns>
    /// <exception cref="UnsafeOperationException">The framework did not create the backing file, or the node now serves another file.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The block lies beyond the end of the device.</exception>
    /// <exception cref="IOException">The write failed.</exception>
    public Task<DamageRecord> CorruptBlockAsync(LoopDevice device, long blockIndex, int seed = 1, CancellationToken cancellationToken = default) =>
        CorruptBlockAsync(EnsureOwnedLoop(device), blockIndex, seed, cancellationToken);

    /// <summary>
    /// Checks that a target may be damaged and returns its real path (every symlink resolved).
    /// </summary>
    /// <param name="target">A file or device path.</param>
    /// <returns>The real path, which is what the helpers write.</returns>
    /// <exception cref="UnsafeOperationException">The target is not the framework's (nor listed in <see cref="TestDisksVariable"/>).</exception>
    public string EnsureAllowed(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var real = RealPath.Resolve(target);
        if (real.StartsWith("/dev/", StringComparison.Ordinal) && File.Exists(real) && !Directory.Exists($"/sys/class/block/{Path.GetFileName(real)}")
            && !real.StartsWith("/dev/mapper/", StringComparison.Ordinal))
        {
            throw Refuse(target, real, "it is a device node that is not a block device");
        }

        return DeviceGuard.WhyNot(real, _run, _testDisks) is { } why ? throw Refuse(target, real, why) : real;
    }

    private string EnsureOwnedLoop(LoopDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!device.OwnsBackingFile || DeviceGuard.WhyNot(device.BackingFile, _run, []) is not null)
        {
            throw new UnsafeOperationException(device.Path,
                $"Refusing to damage {device.Path}: its backing file '{device.BackingFile}' was not created by this run.");
        }

        return device.Path; // EnsureAllowed then checks that the node still serves that file
    }

    private static UnsafeOperationException Refuse(string target, string real, string why) =>
        new(target, $"Refusing to damage '{target}'{(real == target ? string.Empty : $" ('{real}')")}: {why}.");

    private static long BlockOffset(long blockIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockIndex);
        return checked(blockIndex * BlockSize);
    }

    private Task<DamageRecord> WriteAsync(string target, long offset, byte[] bytes, CancellationToken cancellationToken) =>
        ChangeAsync(target, offset, bytes.Length, _ => bytes, cancellationToken);

    /// <summary>
    /// Reads the bytes at an offset and writes their replacement, through one exclusive open
    /// (<see cref="DeviceGuard.OpenForOverwrite(string, Sts.Core.Runs.RunContext?)"/>): a device a live target or a mount holds, or a
    /// file whose loop device is held, is refused before anything is written.
    /// </summary>
    private async Task<DamageRecord> ChangeAsync(string target, long offset, int length, Func<byte[], byte[]> change, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfZero(length);
        var real = EnsureAllowed(target);
        var size = real.StartsWith("/dev/", StringComparison.Ordinal) ? new BlockDevice(real).Size.Bytes : new FileInfo(real).Length;
        if (offset > size - length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset,
                $"{length} bytes at offset {offset} lie beyond the end of '{real}' ({size} bytes).");
        }

        using var handle = DeviceGuard.OpenForOverwrite(real, _run, _testDisks);
        var before = await handle.ReadAsync(offset, length, cancellationToken).ConfigureAwait(false);
        var after = change(before);
        try
        {
            await handle.WriteAsync(offset, after, cancellationToken).ConfigureAwait(false);
        }
        catch (DeviceException ex) when (ex.InnerException is IOException io)
        {
            throw new IOException(ex.Message, io);
        }

        Log.ForContext<MetadataDamage>().Information("Damaged {Target}: {Length} bytes at offset {Offset}", real, after.Length, offset);
        return new DamageRecord(real, offset, [.. before], [.. after]);
    }
}
