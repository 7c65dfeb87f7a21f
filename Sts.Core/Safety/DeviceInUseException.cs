namespace Sts.Core.Safety;

/// <summary>
/// Thrown when a destructive write was refused because something is using the device: a
/// device-mapper table stacked on it, a mount, or another exclusive opener. Nothing was written.
/// </summary>
public sealed class DeviceInUseException : UnsafeOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="target">The device or file that is in use.</param>
    /// <param name="holders">What holds it, as the message names it (e.g. "dm-4 (sts-1a2b3c4d-pool-1)", "mounted at /mnt").</param>
    public DeviceInUseException(string target, IReadOnlyList<string> holders)
        : base(target, $"Refusing to overwrite {target}: it is in use by {string.Join(", ", holders)}.") => Holders = holders;

    /// <summary>What holds the device.</summary>
    public IReadOnlyList<string> Holders { get; }
}
