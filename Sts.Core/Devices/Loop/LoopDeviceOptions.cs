namespace Sts.Core.Devices;

/// <summary>How a loop device is attached. Defaults are losetup's.</summary>
public sealed record LoopDeviceOptions
{
    /// <summary>Attach read-only (<c>losetup --read-only</c>).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The logical sector size: 512, 1024, 2048 or 4096; null for 512.</summary>
    public int? SectorSize { get; init; }

    /// <summary>Use direct I/O on the backing file (<c>--direct-io=on</c>); null leaves losetup's default.</summary>
    public bool? DirectIo { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sector size is not a power of two from 512 to 4096.</exception>
    public void Validate()
    {
        if (SectorSize is { } size && size is not (512 or 1024 or 2048 or 4096))
        {
            throw new ArgumentOutOfRangeException(nameof(SectorSize), size, "A loop device's sector size must be 512, 1024, 2048 or 4096.");
        }
    }
}
