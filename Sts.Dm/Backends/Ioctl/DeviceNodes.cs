using Sts.Core;
using Sts.Core.Devices;
using Sts.Dm.Errors;
using static Sts.Dm.Interop.SysV;

namespace Sts.Dm.Backends.Ioctl;

/// <summary>
/// /dev/mapper nodes made by hand when no udev runs, as libdevmapper falls back to: a block node
/// named as the kernel stores the name (mangled), mode 0600.
/// </summary>
internal static class DeviceNodes
{
    internal const string Directory = "/dev/mapper";

    internal static string PathOf(string kernelName) => System.IO.Path.Combine(Directory, kernelName);

    internal static void Ensure(string kernelName, DeviceNumber device)
    {
        var path = PathOf(kernelName);
        System.IO.Directory.CreateDirectory(Directory);
        if (File.Exists(path) || System.IO.Directory.Exists(path))
        {
            return; // already there (udev, or an earlier resume)
        }

        if (MkNod(path, S_IFBLK | 0x180 /* 0600 */, MakeDev(device.Major, device.Minor)) < 0)
        {
            var errno = ErrnoExtensions.FromLastPInvokeError();
            if (errno != Errno.EEXIST)
            {
                throw new DmOperationException("mknod", kernelName, errno, $"Creating {path} failed: {errno.Describe()}.");
            }
        }
    }

    internal static void Remove(string kernelName)
    {
        var path = PathOf(kernelName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
