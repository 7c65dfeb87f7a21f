using Sts.Core;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Backends.Ioctl;

namespace Sts.Dm.Backends;

/// <summary>
/// The device-mapper backend used unless one is given (by <see cref="Devices.DmDevice"/> and the
/// fixtures): the native ioctl backend, or the dmsetup backend when <c>STS_DM_BACKEND=dmsetup</c>.
/// Opened on first use and shared by the whole process.
/// </summary>
public static class DefaultDmBackend
{
    /// <summary>The environment variable choosing the backend: "ioctl" (default) or "dmsetup".</summary>
    public const string Variable = StsEnvironment.Variables.DmBackend;

    private static readonly Lock Gate = new();
    private static IDmBackend? _shared;

    /// <summary>The backend's name as configured: "ioctl" or "dmsetup".</summary>
    /// <exception cref="StsEnvironmentException">The variable holds something else.</exception>
    public static string Configured => StsEnvironment.DmBackend;

    /// <summary>The shared backend, opened on first use.</summary>
    /// <exception cref="StsEnvironmentException"><see cref="Variable"/> holds an unknown backend.</exception>
    /// <exception cref="Sts.Dm.Errors.DmOperationException">The ioctl backend cannot open /dev/mapper/control (no device-mapper, not root).</exception>
    public static IDmBackend Shared
    {
        get
        {
            lock (Gate)
            {
                return _shared ??= Configured == "dmsetup" ? new DmsetupBackend() : IoctlBackend.Open();
            }
        }
    }
}
