using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>
/// A running thin-pool's status (Documentation/admin-guide/device-mapper/thin-provisioning.rst):
/// "transaction used/total_meta used/total_data held_root mode discards no_space needs_check meta_low_water ".
/// A failed pool parses as <see cref="FailedStatus"/>.
/// </summary>
/// <param name="TransactionId">The metadata transaction id.</param>
/// <param name="UsedMetadataBlocks">Used metadata blocks (4 KiB).</param>
/// <param name="TotalMetadataBlocks">Total metadata blocks.</param>
/// <param name="UsedDataBlocks">Used data blocks.</param>
/// <param name="TotalDataBlocks">Total data blocks.</param>
/// <param name="HeldMetadataRoot">The held metadata snapshot's root block, or null for "-".</param>
/// <param name="Mode">rw, ro or out_of_data_space.</param>
/// <param name="Discards">Discard handling.</param>
/// <param name="ErrorIfNoSpace">True for error_if_no_space, false for queue_if_no_space.</param>
/// <param name="NeedsCheck">True when the metadata is flagged for thin_check.</param>
/// <param name="MetadataLowWatermark">Free metadata blocks below which the pool raises an event.</param>
public sealed record ThinPoolStatus(ulong TransactionId, ulong UsedMetadataBlocks, ulong TotalMetadataBlocks, ulong UsedDataBlocks,
    ulong TotalDataBlocks, ulong? HeldMetadataRoot, ThinPoolMode Mode, ThinPoolDiscards Discards, bool ErrorIfNoSpace, bool NeedsCheck,
    ulong MetadataLowWatermark) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "thin-pool";

    /// <summary>The status as dm-thin writes it, with its trailing space.</summary>
    public override string Format() =>
        Words.Join(TransactionId, $"{UsedMetadataBlocks}/{TotalMetadataBlocks}", $"{UsedDataBlocks}/{TotalDataBlocks}",
            HeldMetadataRoot?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            Mode switch { ThinPoolMode.ReadWrite => "rw", ThinPoolMode.ReadOnly => "ro", _ => "out_of_data_space" },
            Discards switch { ThinPoolDiscards.Passdown => "discard_passdown", ThinPoolDiscards.NoPassdown => "no_discard_passdown", _ => "ignore_discard" },
            ErrorIfNoSpace ? "error_if_no_space" : "queue_if_no_space", NeedsCheck ? "needs_check" : "-", MetadataLowWatermark) + " ";

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
