using Sts.Dm.Errors;
using Sts.Dm.Status;

namespace Sts.Dm.Devices;

public sealed partial class DmDevice
{
    /// <summary>
    /// Waits until the device's typed status satisfies <paramref name="predicate"/>, driven by the
    /// kernel's event counter (event_nr; DM_DEV_WAIT, <c>dmsetup wait NAME EVENT_NR</c>), not by
    /// sleeps: reads the event number, then the status; when the status does not satisfy the
    /// predicate yet, waits until the event number moves past the one read, and looks again. The
    /// number is read before the status, so an event raised in between ends the wait at once.
    /// Targets raise an event when their state changes (a thin-pool changing mode or crossing its
    /// low water mark, a cache's metadata mode or its dirty count reaching zero, a snapshot
    /// invalidated); a state a target changes without an event (the end of a snapshot merge, a
    /// promotion) cannot be waited for this way.
    /// </summary>
    /// <typeparam name="T">The status type expected, e.g. <see cref="ThinPoolStatus"/>; <see cref="DmStatus"/> to accept any (e.g. a "Fail" status). A status of another type does not satisfy the wait.</typeparam>
    /// <param name="predicate">What the status must show.</param>
    /// <param name="timeout">How long to wait in total; generous under emulation.</param>
    /// <param name="noFlush">Read the status without flushing (thin-pool, cache: a pool out of space cannot commit).</param>
    /// <param name="cancellationToken">Cancels the wait (then <see cref="OperationCanceledException"/>, not a timeout).</param>
    /// <returns>The first status that satisfies the predicate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    /// <exception cref="DmStatusTimeoutException">The timeout passed first; it carries the last status seen.</exception>
    /// <exception cref="InvalidOperationException">The device has not exactly one target.</exception>
    /// <exception cref="OperationCanceledException">The token fired first.</exception>
    /// <exception cref="DmOperationException">A query or the wait failed (e.g. the device is gone).</exception>
    public async Task<T> WaitForStatusAsync<T>(Func<T, bool> predicate, TimeSpan timeout, bool noFlush = false,
        CancellationToken cancellationToken = default) where T : DmStatus
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        DmStatus? last = null;
        try
        {
            while (true)
            {
                var seen = (await InfoAsync(limit.Token).ConfigureAwait(false)).EventNumber;
                var lines = await StatusLinesAsync(noFlush, limit.Token).ConfigureAwait(false);
                if (lines.Count != 1)
                {
                    throw new InvalidOperationException(
                        $"{Name}: waiting for a {typeof(T).Name} needs one target, the device has {lines.Count}: {string.Join(" | ", lines.Select(l => l.Format()))}");
                }

                last = lines[0].Status;
                if (last is T status && predicate(status))
                {
                    return status;
                }

                await WaitForEventAsync(seen, limit.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DmStatusTimeoutException(Name, typeof(T), timeout, last);
        }
    }
}
