namespace Sts.Dmpd.Tools;

/// <summary>
/// thin_delta: the differences between the mappings of two thin devices. Each side is a device id
/// (--thin1/--thin2, alias --snap1/--snap2) or, on 1.x only, a mapping root block
/// (--root1/--root2). 0.9.0's -m takes an optional block (--metadata-snap=BLOCK); 1.x's -m is a
/// plain flag.
/// </summary>
/// <param name="Input">The metadata device or file.</param>
public sealed record ThinDeltaOptions(string Input) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_delta";

    /// <summary>--thin1: the first device's id.</summary>
    public ulong? Thin1 { get; init; }

    /// <summary>--thin2: the second device's id.</summary>
    public ulong? Thin2 { get; init; }

    /// <summary>--root1: the first mapping root block, instead of <see cref="Thin1"/> (1.x only).</summary>
    public ulong? Root1 { get; init; }

    /// <summary>--root2: the second mapping root block, instead of <see cref="Thin2"/> (1.x only).</summary>
    public ulong? Root2 { get; init; }

    /// <summary>--verbose: list the data blocks of each range.</summary>
    public bool Verbose { get; init; }

    /// <summary>-m: read the metadata snapshot of a live pool.</summary>
    public bool MetadataSnapshot { get; init; }

    /// <summary>--metadata-snap=BLOCK: the snapshot at this block (0.x only).</summary>
    public ulong? MetadataSnapshotBlock { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRust("--root1", Root1 is not null);
        argv.RequireRust("--root2", Root2 is not null);
        argv.RequireCpp("--metadata-snap=BLOCK", MetadataSnapshotBlock is not null);
        if ((Thin1 is null) == (Root1 is null) || (Thin2 is null) == (Root2 is null))
        {
            throw new ArgumentException("thin_delta needs exactly one of Thin1/Root1 and one of Thin2/Root2.");
        }

        argv.Value("--thin1", Thin1);
        argv.Value("--root1", Root1);
        argv.Value("--thin2", Thin2);
        argv.Value("--root2", Root2);
        argv.Flag("--verbose", Verbose);
        if (MetadataSnapshotBlock is { } block)
        {
            argv.Add(FormattableString.Invariant($"--metadata-snap={block}"));
        }
        else
        {
            argv.Flag("-m", MetadataSnapshot);
        }

        argv.Path(null, Input);
    }
}
