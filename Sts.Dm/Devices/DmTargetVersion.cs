namespace Sts.Dm.Devices;

/// <summary>A target type the kernel has registered, with its version (dmsetup targets).</summary>
/// <param name="Name">The target's name, e.g. "thin-pool".</param>
/// <param name="Version">Its version, e.g. 1.23.0.</param>
public sealed record DmTargetVersion(string Name, Version Version);
