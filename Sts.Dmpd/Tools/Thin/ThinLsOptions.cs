using System.Collections.Immutable;

using Sts.Dmpd.Formats.Reports;

namespace Sts.Dmpd.Tools;

/// <summary>thin_ls: lists the thin devices of a pool's metadata. Same flags in 0.9.0 and 1.x.</summary>
/// <param name="Input">The metadata device or file.</param>
public sealed record ThinLsOptions(string Input) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_ls";

    /// <summary>-o: the columns; empty for the tool's default (DEV, MAPPED, CREATE_TIME, SNAP_TIME).</summary>
    public ImmutableArray<ThinLsField> Fields { get; init; } = [];

    /// <summary>--no-headers: no header line.</summary>
    public bool NoHeaders { get; init; }

    /// <summary>-m: read the metadata snapshot of a live pool.</summary>
    public bool MetadataSnapshot { get; init; }

    /// <summary>The name thin_ls gives a field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>E.g. "MAPPED_BLOCKS".</returns>
    public static string FieldName(ThinLsField field) => field switch
    {
        ThinLsField.Dev => "DEV",
        ThinLsField.MappedBlocks => "MAPPED_BLOCKS",
        ThinLsField.ExclusiveBlocks => "EXCLUSIVE_BLOCKS",
        ThinLsField.SharedBlocks => "SHARED_BLOCKS",
        ThinLsField.MappedSectors => "MAPPED_SECTORS",
        ThinLsField.ExclusiveSectors => "EXCLUSIVE_SECTORS",
        ThinLsField.SharedSectors => "SHARED_SECTORS",
        ThinLsField.MappedBytes => "MAPPED_BYTES",
        ThinLsField.ExclusiveBytes => "EXCLUSIVE_BYTES",
        ThinLsField.SharedBytes => "SHARED_BYTES",
        ThinLsField.Mapped => "MAPPED",
        ThinLsField.Exclusive => "EXCLUSIVE",
        ThinLsField.Shared => "SHARED",
        ThinLsField.Transaction => "TRANSACTION",
        ThinLsField.CreateTime => "CREATE_TIME",
        ThinLsField.SnapTime => "SNAP_TIME",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a thin_ls field."),
    };

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.Flag("--no-headers", NoHeaders);
        argv.Flag("-m", MetadataSnapshot);
        if (!Fields.IsDefaultOrEmpty)
        {
            argv.Add("-o", string.Join(',', Fields.Select(FieldName)));
        }

        argv.Path(null, Input);
    }
}
