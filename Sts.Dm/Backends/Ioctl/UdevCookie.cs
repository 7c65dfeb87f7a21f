using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Sts.Dm.Errors;
using static Sts.Dm.Interop.SysV;

namespace Sts.Dm.Backends.Ioctl;

/// <summary>
/// libdevmapper's udev cookie (lvm2 libdm/libdm-common.c): a SysV semaphore keyed
/// <c>0x0D4D &lt;&lt; 16 | base</c>, set to 1 and raised once per operation; the cookie rides in
/// the ioctl's event_nr into the uevent (DM_COOKIE), and udev's 95-dm-notify rule runs
/// <c>dmsetup udevcomplete</c>, which lowers it. The waiter lowers it too and waits for zero: once
/// it returns, udev has finished with this device's event and /dev/mapper is up to date.
/// </summary>
internal sealed class UdevCookie : IDisposable
{
    private const uint Magic = 0x0D4D;

    /// <summary>DM_UDEV_PRIMARY_SOURCE_FLAG: the event comes from a device-mapper library, as libdm marks its own.</summary>
    private const uint PrimarySourceFlag = 0x40;

    private readonly int _semaphore;
    private readonly uint _base;

    private UdevCookie(int semaphore, uint @base)
    {
        _semaphore = semaphore;
        _base = @base;
    }

    /// <summary>The value passed to the kernel in event_nr: udev flags in the high half, the base in the low.</summary>
    internal uint Value => (PrimarySourceFlag << 16) | _base;

    internal static UdevCookie Create()
    {
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var @base = (uint)RandomNumberGenerator.GetInt32(1, 0x10000);
            var id = SemGet((int)((Magic << 16) | @base), 1, 0x180 /* 0600 */ | IPC_CREAT | IPC_EXCL);
            if (id < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EEXIST)
                {
                    continue; // another cookie holds this base: pick another
                }

                throw new DmOperationException("udev cookie", null, errno, $"semget for a udev cookie failed: {Marshal.GetPInvokeErrorMessage(errno)}.");
            }

            // 1 for the cookie itself, +1 for the operation it will carry.
            if (SemCtl(id, 0, SETVAL, 2) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                _ = SemCtl(id, 0, IPC_RMID, 0);
                throw new DmOperationException("udev cookie", null, errno, $"semctl SETVAL failed: {Marshal.GetPInvokeErrorMessage(errno)}.");
            }

            return new UdevCookie(id, @base);
        }

        throw new DmOperationException("udev cookie", null, EEXIST, "No free udev cookie after 32 attempts.");
    }

    /// <summary>The operation failed and no uevent will come: take back its count.</summary>
    internal void Cancel() => Change(-1, null);

    /// <summary>Drops the cookie's own count and waits until udev has completed the operation's event.</summary>
    /// <param name="timeout">How long udev may take.</param>
    /// <returns>True when udev completed; false when it did not within the timeout.</returns>
    internal bool Wait(TimeSpan timeout) => Change(-1, null) && Change(0, timeout);

    public void Dispose() => _ = SemCtl(_semaphore, 0, IPC_RMID, 0);

    private unsafe bool Change(short operation, TimeSpan? timeout)
    {
        var buffer = new SemBuf { Number = 0, Operation = operation, Flags = 0 };
        var deadline = timeout is { } t ? DateTime.UtcNow + t : (DateTime?)null;
        while (true)
        {
            int result;
            if (deadline is { } end)
            {
                var left = end - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                var spec = new TimeSpec { Seconds = (long)left.TotalSeconds, Nanoseconds = left.Milliseconds * 1_000_000L };
                result = SemTimedOp(_semaphore, &buffer, 1, &spec);
            }
            else
            {
                result = SemTimedOp(_semaphore, &buffer, 1, null);
            }

            if (result == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EAGAIN)
            {
                return false;
            }

            if (errno != EINTR)
            {
                throw new DmOperationException("udev cookie", null, errno, $"semop on the udev cookie failed: {Marshal.GetPInvokeErrorMessage(errno)}.");
            }
        }
    }
}
