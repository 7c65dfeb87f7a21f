using System.Globalization;
using Sts.Core;
using Sts.Dm.Status;

namespace Sts.Dm.Errors;

/// <summary>A device's status did not reach the state waited for (<see cref="Devices.DmDevice.WaitForStatusAsync{T}"/>) in time; carries the last status seen.</summary>
public sealed class DmStatusTimeoutException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="device">The device's name.</param>
    /// <param name="expected">The status type waited for.</param>
    /// <param name="timeout">How long the wait lasted.</param>
    /// <param name="lastStatus">The last status read, or null when none was read.</param>
    public DmStatusTimeoutException(string device, Type expected, TimeSpan timeout, DmStatus? lastStatus)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"{device}: the {expected?.Name} status did not reach the state waited for within {timeout.TotalSeconds:0.###} s; last status seen: {(lastStatus is null ? "none (no status was read)" : $"\"{lastStatus.Format()}\" ({lastStatus.GetType().Name})")}."))
    {
        Device = device;
        Timeout = timeout;
        LastStatus = lastStatus;
    }

    /// <summary>The device's name.</summary>
    public string Device { get; }

    /// <summary>How long the wait lasted.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The last status read, or null when none was read before the timeout.</summary>
    public DmStatus? LastStatus { get; }
}
