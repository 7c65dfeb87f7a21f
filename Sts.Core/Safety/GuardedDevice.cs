using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Units;

namespace Sts.Core.Safety;

/// <summary>
/// A block device that passed <see cref="DeviceGuard"/> for one run: the run created it, or the
/// user listed it as a test disk. Only <see cref="DeviceGuard.Admit"/> makes one, so an API that
/// takes a <see cref="GuardedDevice"/> (every fixture that maps, writes or formats a device
/// given to it) cannot be handed a device that skipped the guard.
/// </summary>
public sealed class GuardedDevice
{
    internal GuardedDevice(BlockDevice device, RunContext run, GuardBasis basis)
    {
        Device = device;
        Run = run;
        Basis = basis;
    }

    /// <summary>The device itself, for reads and sysfs facts.</summary>
    public BlockDevice Device { get; }

    /// <summary>The run it was admitted for; fixtures of another run admit it again.</summary>
    public RunContext Run { get; }

    /// <summary>Why the guard let it in.</summary>
    public GuardBasis Basis { get; }

    /// <summary>The device's node.</summary>
    public string Path => Device.Path;

    /// <summary>The kernel's name (loop3, dm-0).</summary>
    public string KernelName => Device.KernelName;

    /// <summary>major:minor, for tables.</summary>
    /// <exception cref="DeviceNotFoundException">The device is gone.</exception>
    public DeviceNumber DeviceNumber => Device.DeviceNumber;

    /// <summary>The current size in sectors.</summary>
    /// <exception cref="DeviceNotFoundException">The device is gone.</exception>
    public Sectors SizeInSectors => Device.SizeInSectors;

    /// <summary>The current size.</summary>
    /// <exception cref="DeviceNotFoundException">The device is gone.</exception>
    public Size Size => Device.Size;

    /// <summary>
    /// Overwrites bytes at an offset, the way metadata initialisation and damage helpers must: the
    /// guard is asked again, and the write goes through an exclusive open, so it is refused while
    /// anything (a device-mapper table, a mount, another exclusive opener) holds the device.
    /// </summary>
    /// <param name="offset">Where to write.</param>
    /// <param name="data">The bytes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the bytes are on the device (fsync).</returns>
    /// <exception cref="DeviceInUseException">Something holds the device; nothing was written.</exception>
    /// <exception cref="UnsafeOperationException">The device is no longer the run's (e.g. a node reused by someone else).</exception>
    /// <exception cref="DeviceException">The write failed.</exception>
    public async Task OverwriteAsync(Size offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        using var handle = DeviceGuard.OpenForOverwrite(Path, Run);
        await handle.WriteAsync(offset.Bytes, data, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({Basis})";
}
