using System.Security.Cryptography;
using Serilog;
using Sts.Core;
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
            var id = SemGet(Key(@base), 1, 0x180 /* 0600 */ | IPC_CREAT | IPC_EXCL);
            if (id < 0)
            {
                var errno = ErrnoExtensions.FromLastPInvokeError();
                if (errno == Errno.EEXIST)
                {
                    continue; // another cookie holds this base: pick another
                }

                throw new DmOperationException("udev cookie", null, errno, $"semget for a udev cookie failed: {errno.Describe()}.");
            }

            // 1 for the cookie itself, +1 for the operation it will carry.
            if (SemCtl(id, 0, SETVAL, 2) < 0)
            {
                var errno = ErrnoExtensions.FromLastPInvokeError();
                _ = SemCtl(id, 0, IPC_RMID, 0);
                throw new DmOperationException("udev cookie", null, errno, $"semctl SETVAL failed: {errno.Describe()}.");
            }

            return new UdevCookie(id, @base);
        }

        throw new DmOperationException("udev cookie", null, Errno.EEXIST, "No free udev cookie after 32 attempts.");
    }

    /// <summary>
    /// Completes a cookie's operation whose uevent the kernel did not raise, as
    /// <c>dmsetup udevcomplete</c> would have: finds the semaphore by the cookie's base and lowers
    /// it once, never blocking. libdevmapper does the same in dm_task_run when the kernel leaves
    /// DM_UEVENT_GENERATED_FLAG clear (lvm2 libdm/ioctl/libdm-iface.c, _udev_complete).
    /// </summary>
    /// <param name="cookie">The value passed in event_nr; 0 (or flags without a base) for none, which does nothing.</param>
    /// <param name="log">Where a failure to complete is reported: the operation itself succeeded or failed on its own,
    /// and a waiter then times out with its own warning.</param>
    internal static unsafe void CompleteUnraised(uint cookie, ILogger log)
    {
        var @base = cookie & 0xFFFF;
        if (@base == 0)
        {
            return;
        }

        var id = SemGet(Key(@base), 1, 0);
        var lower = new SemBuf { Number = 0, Operation = -1, Flags = IPC_NOWAIT };
        if (id < 0 || SemTimedOp(id, &lower, 1, null) < 0)
        {
            var errno = ErrnoExtensions.FromLastPInvokeError();
            log.Warning("Could not complete udev cookie {Cookie:x} whose uevent the kernel did not raise: {Errno} {Reason}", cookie, errno,
                errno.Describe());
        }
    }

    /// <summary>Drops the cookie's own count and waits until udev has completed the operation's event.</summary>
    /// <param name="timeout">How long udev may take.</param>
    /// <returns>True when udev completed; false when it did not within the timeout.</returns>
    internal bool Wait(TimeSpan timeout) => Change(-1, null) && Change(0, timeout);

    public void Dispose() => _ = SemCtl(_semaphore, 0, IPC_RMID, 0);

    private static int Key(uint @base) => (int)((Magic << 16) | @base);

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

            var errno = ErrnoExtensions.FromLastPInvokeError();
            if (errno == Errno.EAGAIN)
            {
                return false;
            }

            if (errno != Errno.EINTR)
            {
                throw new DmOperationException("udev cookie", null, errno, $"semop on the udev cookie failed: {errno.Describe()}.");
            }
        }
    }
}
