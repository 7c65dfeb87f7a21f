using System.Globalization;
using Sts.Core;
using Sts.Core.Units;

namespace Sts.Dm.Errors;

/// <summary>
/// A target refused a message (DM_TARGET_MSG answered an errno): a second
/// <c>reserve_metadata_snap</c>, a <c>delete</c> of an open thin, a duplicate
/// <c>create_thin</c>, <c>invalidate_cblocks</c> outside passthrough, a message the target does
/// not know, or a target that takes no messages. The errno alone does not say which (a pool
/// answers EBUSY for "a metadata snapshot exists", dm-cache EPERM for "not in passthrough"):
/// the target's own words are in the kernel log, and <see cref="KernelReason"/> carries the
/// device-mapper lines the kernel logged during the call. Both backends throw it alike.
/// </summary>
public sealed class DmMessageRefusedException : DmOperationException
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    /// <param name="device">The device the message was sent to.</param>
    /// <param name="errno">The kernel's errno.</param>
    /// <param name="targetMessage">The message sent, e.g. "reserve_metadata_snap".</param>
    /// <param name="sector">The sector that selected the target.</param>
    /// <param name="targetType">The type of the target at that sector (e.g. "thin-pool"), or null when unknown.</param>
    /// <param name="kernelReason">What the kernel logged about it, or null when it logged nothing (or the log could not be read).</param>
    /// <param name="detail">What the backend adds (dmsetup: its exit code, standard error and command line), or null.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public DmMessageRefusedException(string device, Errno errno, string targetMessage, Sectors sector, string? targetType, string? kernelReason,
        string? detail = null, Exception? innerException = null)
        : base("message", device, errno, Compose(device, errno, targetMessage, sector, targetType, kernelReason, detail), innerException)
    {
        TargetMessage = targetMessage;
        Sector = sector;
        TargetType = targetType;
        KernelReason = kernelReason;
        Detail = detail;
    }

    /// <summary>The message that was refused, e.g. "create_thin 1".</summary>
    public string TargetMessage { get; }

    /// <summary>The sector that selected the target.</summary>
    public Sectors Sector { get; }

    /// <summary>The type of the target that refused (e.g. "thin-pool"), or null when it could not be learned.</summary>
    public string? TargetType { get; }

    /// <summary>
    /// The device-mapper lines the kernel logged during the call (e.g. "device-mapper: thin:
    /// Deletion of thin device 1 failed."), joined by " | "; null when there were none or the
    /// kernel log could not be read (not root).
    /// </summary>
    public string? KernelReason { get; }

    /// <summary>What the backend added (dmsetup's exit code, standard error and command line), or null.</summary>
    public string? Detail { get; }

    /// <summary>The same refusal with what the backend learned after the call: the target type and the kernel's reason.</summary>
    /// <param name="targetType">The target type, or null to keep the current one.</param>
    /// <param name="kernelReason">The kernel's reason, or null to keep the current one.</param>
    /// <returns>A new exception with this one as its inner exception.</returns>
    public DmMessageRefusedException WithContext(string? targetType, string? kernelReason) =>
        new(Device!, Errno, TargetMessage, Sector, targetType ?? TargetType, kernelReason ?? KernelReason, Detail, this);

    private static string Compose(string device, Errno errno, string targetMessage, Sectors sector, string? targetType, string? kernelReason, string? detail)
    {
        var target = targetType is null
            ? string.Create(CultureInfo.InvariantCulture, $"the target at sector {sector.Count}")
            : string.Create(CultureInfo.InvariantCulture, $"the {targetType} target at sector {sector.Count}");
        var text = $"Device '{device}': {target} refused the message '{targetMessage}': {errno.Describe()} ({errno}).";
        text += kernelReason is null ? " The kernel logged no reason." : $" Kernel log: {kernelReason}";
        return detail is null ? text : $"{text} {detail}";
    }
}
