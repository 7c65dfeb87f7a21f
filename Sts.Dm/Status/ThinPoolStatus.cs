using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>
/// A thin-pool's status (Documentation/admin-guide/device-mapper/thin-provisioning.rst):
/// "transaction used/total_meta used/total_data held_root mode discards no_space needs_check meta_low_water "
/// for a running pool, or the single word "Fail" (or "Error") for a failed one: a pool in fail mode
/// is a normal outcome of a failure test, so it is a status too, with <see cref="Mode"/>
/// <see cref="ThinPoolMode.Fail"/> (or <see cref="ThinPoolMode.Error"/>) and every other field null.
/// </summary>
/// <param name="TransactionId">The metadata transaction id; null when failed.</param>
/// <param name="UsedMetadataBlocks">Used metadata blocks (4 KiB); null when failed.</param>
/// <param name="TotalMetadataBlocks">Total metadata blocks; null when failed.</param>
/// <param name="UsedDataBlocks">Used data blocks; null when failed.</param>
/// <param name="TotalDataBlocks">Total data blocks; null when failed.</param>
/// <param name="HeldMetadataRoot">The held metadata snapshot's root block; null for "-", and when failed.</param>
/// <param name="Mode">rw, ro, out_of_data_space, or the fail states.</param>
/// <param name="Discards">Discard handling; null when failed.</param>
/// <param name="ErrorIfNoSpace">True for error_if_no_space, false for queue_if_no_space; null when failed.</param>
/// <param name="NeedsCheck">True when the metadata is flagged for thin_check; null when failed.</param>
/// <param name="MetadataLowWatermark">Free metadata blocks below which the pool raises an event; null when failed.</param>
public sealed record ThinPoolStatus(ulong? TransactionId, ulong? UsedMetadataBlocks, ulong? TotalMetadataBlocks, ulong? UsedDataBlocks,
    ulong? TotalDataBlocks, ulong? HeldMetadataRoot, ThinPoolMode Mode, ThinPoolDiscards? Discards, bool? ErrorIfNoSpace, bool? NeedsCheck,
    ulong? MetadataLowWatermark) : DmStatus
{
    /// <summary>The status of a pool in fail mode ("Fail").</summary>
    public static ThinPoolStatus Failed { get; } = new(null, null, null, null, null, null, ThinPoolMode.Fail, null, null, null, null);

    /// <summary>The status of a pool that could not report one ("Error").</summary>
    public static ThinPoolStatus Unreadable { get; } = new(null, null, null, null, null, null, ThinPoolMode.Error, null, null, null, null);

    /// <summary>True when the pool reported its fields: not <see cref="ThinPoolMode.Fail"/> or <see cref="ThinPoolMode.Error"/>.</summary>
    public bool IsRunning => Mode is not (ThinPoolMode.Fail or ThinPoolMode.Error);

    /// <inheritdoc />
    public override string TargetType => "thin-pool";

    /// <summary>The status as dm-thin writes it: its fields with a trailing space, or "Fail" / "Error".</summary>
    public override string Format() => Mode switch
    {
        ThinPoolMode.Fail => "Fail",
        ThinPoolMode.Error => "Error",
        _ => Words.Join(TransactionId, $"{UsedMetadataBlocks}/{TotalMetadataBlocks}", $"{UsedDataBlocks}/{TotalDataBlocks}",
            HeldMetadataRoot?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            Mode switch { ThinPoolMode.ReadWrite => "rw", ThinPoolMode.ReadOnly => "ro", _ => "out_of_data_space" },
            Discards switch { ThinPoolDiscards.Passdown => "discard_passdown", ThinPoolDiscards.NoPassdown => "no_discard_passdown", _ => "ignore_discard" },
            ErrorIfNoSpace == true ? "error_if_no_space" : "queue_if_no_space", NeedsCheck == true ? "needs_check" : "-", MetadataLowWatermark) + " ",
    };

    internal static ThinPoolStatus Read(ArgumentReader r)
    {
        var transaction = r.NextUInt64("transaction id");
        var (usedMeta, totalMeta) = r.NextRatio("metadata blocks");
        var (usedData, totalData) = r.NextRatio("data blocks");
        var held = r.Peek() == "-" ? (ulong?)null : r.NextUInt64("held metadata root");
        if (held is null)
        {
            r.Next("held metadata root");
        }

        var mode = r.Next("mode") switch
        {
            "rw" => ThinPoolMode.ReadWrite,
            "ro" => ThinPoolMode.ReadOnly,
            "out_of_data_space" => ThinPoolMode.OutOfDataSpace,
            var other => throw r.Error($"unknown pool mode '{other}'"),
        };
        var discards = r.Next("discards") switch
        {
            "discard_passdown" => ThinPoolDiscards.Passdown,
            "no_discard_passdown" => ThinPoolDiscards.NoPassdown,
            "ignore_discard" => ThinPoolDiscards.Ignore,
            var other => throw r.Error($"unknown discard mode '{other}'"),
        };
        var noSpace = r.Next("no-space policy") switch
        {
            "error_if_no_space" => true,
            "queue_if_no_space" => false,
            var other => throw r.Error($"unknown no-space policy '{other}'"),
        };
        var needsCheck = r.Next("needs_check") switch
        {
            "needs_check" => true,
            "-" => false,
            var other => throw r.Error($"'{other}' is neither needs_check nor -"),
        };
        return new ThinPoolStatus(transaction, usedMeta, totalMeta, usedData, totalData, held, mode, discards, noSpace, needsCheck,
            r.NextUInt64("metadata low water mark"));
    }
}
