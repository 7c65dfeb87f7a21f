using Sts.Core.Units;

namespace Sts.Core.Devices;

/// <summary>Something a test stores data on: a block device node under /dev.</summary>
public abstract class StorageDevice
{
    /// <summary>Creates the device.</summary>
    /// <param name="path">Its node, e.g. /dev/loop3 or /dev/mapper/sts-x.</param>
    protected StorageDevice(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The device node the framework opens.</summary>
    public string Path { get; }

    /// <summary>The kernel's name for it (e.g. loop3, dm-0).</summary>
    public abstract string KernelName { get; }

    /// <summary>The current size.</summary>
    public abstract Size Size { get; }

    /// <inheritdoc />
    public override string ToString() => Path;
}
