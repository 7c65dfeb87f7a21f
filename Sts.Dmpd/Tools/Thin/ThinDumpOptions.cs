using System.Collections.Immutable;

namespace Sts.Dmpd.Tools;

/// <summary>
/// thin_dump: writes thin-pool metadata as XML (or human-readable text) to standard output or a
/// file. 0.9.0 accepts the superblock overrides although its --help does not list them (checked
/// by running it); -q is 1.x only.
/// </summary>
/// <param name="Input">The metadata device or file.</param>
public sealed record ThinDumpOptions(string Input) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_dump";

    /// <summary>-f: the output format.</summary>
    public ThinDumpFormat Format { get; init; } = ThinDumpFormat.Xml;

    /// <summary>-r: repair while dumping (salvage what can be read).</summary>
    public bool Repair { get; init; }

    /// <summary>--metadata-snap: dump the metadata snapshot of a live pool.</summary>
    public bool MetadataSnapshot { get; init; }

    /// <summary>--metadata-snap=BLOCK: dump the snapshot at this block (implies <see cref="MetadataSnapshot"/>).</summary>
    public ulong? MetadataSnapshotBlock { get; init; }

    /// <summary>--dev-id: dump only these thin devices.</summary>
    public ImmutableArray<ulong> DeviceIds { get; init; } = [];

    /// <summary>--skip-mappings: dump devices without their mappings.</summary>
    public bool SkipMappings { get; init; }

    /// <summary>-o: write to this file instead of standard output.</summary>
    public string? Output { get; init; }

    /// <summary>--transaction-id: the superblock's transaction id, when the superblock is damaged (with <see cref="Repair"/>).</summary>
    public ulong? TransactionId { get; init; }

    /// <summary>--data-block-size: the data block size in sectors, when the superblock is damaged.</summary>
    public ulong? DataBlockSize { get; init; }

    /// <summary>--nr-data-blocks: the number of data blocks, when the superblock is damaged.</summary>
    public ulong? NrDataBlocks { get; init; }

    /// <summary>-q: no progress output (1.x only).</summary>
    public bool Quiet { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRust("-q", Quiet);
        argv.Flag("-q", Quiet);
        if (Format != ThinDumpFormat.Xml)
        {
            argv.Add("--format", "human_readable");
        }

        argv.Flag("--repair", Repair);
        if (MetadataSnapshotBlock is { } block)
        {
            // Both generations need the '=' form: 0.9's getopt optional argument, 1.x's require_equals.
            argv.Add(FormattableString.Invariant($"--metadata-snap={block}"));
        }
        else
        {
            argv.Flag("--metadata-snap", MetadataSnapshot);
        }

        foreach (var id in DeviceIds.IsDefault ? [] : DeviceIds)
        {
            argv.Value("--dev-id", id);
        }

        argv.Flag("--skip-mappings", SkipMappings);
        argv.Value("--transaction-id", TransactionId);
        argv.Value("--data-block-size", DataBlockSize);
        argv.Value("--nr-data-blocks", NrDataBlocks);
        argv.Path("-o", Output);
        argv.Path(null, Input);
    }
}
