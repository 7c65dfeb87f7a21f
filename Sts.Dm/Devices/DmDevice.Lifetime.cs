using Sts.Dm.Errors;

namespace Sts.Dm.Devices;

public sealed partial class DmDevice
{
    /// <summary>The longest <see cref="DisposeAsync"/> spends removing a device (retries while it is briefly busy included).</summary>
    public static TimeSpan DisposeTimeLimit { get; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Ends the lifetime of a device this object created, as a dmtest <c>with</c> block closes:
    /// removes it (retrying while it is briefly busy, bounded by <see cref="DisposeTimeLimit"/>,
    /// never by a test's token). Does nothing when the device is already removed or gone.
    /// <para>Safety first: a device this object did not create (opened by name, kernel name,
    /// number, uuid or listing; <see cref="IsCreatedHere"/> false) is never removed by disposing,
    /// even when the run owns it, because such an object may name a foreign device, or one whose
    /// lifetime another object (a fixture's stack) owns. Remove those with <see cref="RemoveAsync(bool, CancellationToken)"/>.</para>
    /// </summary>
    /// <returns>A task that completes when the device is gone (or at once when disposing does nothing).</returns>
    /// <exception cref="Sts.Core.UnsafeOperationException">The device's node now belongs to a device the run may not change; nothing was removed.</exception>
    /// <exception cref="DmDeviceBusyException">Still open after the retries (e.g. a device stacked on it, or I/O held by a suspended device).</exception>
    /// <exception cref="DmOperationException">Another failure of the removal.</exception>
    public async ValueTask DisposeAsync()
    {
        if (!_createdHere || IsRemoved)
        {
            return;
        }

        using var limit = new CancellationTokenSource(DisposeTimeLimit);
        try
        {
            await RemoveAsync(deferred: false, attempts: 20, limit.Token).ConfigureAwait(false);
        }
        catch (DmDeviceNotFoundException)
        {
            IsRemoved = true; // removed by someone else (a stack's teardown, a tool): nothing left to end
        }
    }
}
