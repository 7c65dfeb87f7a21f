namespace Sts.Dmpd.Tools;

/// <summary>era_invalidate: lists the blocks written since an era. Same flags in 0.9.0 and 1.x.</summary>
/// <param name="Input">The metadata device or file.</param>
/// <param name="WrittenSince">--written-since: the era.</param>
public sealed record EraInvalidateOptions(string Input, uint WrittenSince) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "era_invalidate";

    /// <summary>--metadata-snapshot: read the metadata snapshot of a live era device.</summary>
    public bool MetadataSnapshot { get; init; }

    /// <summary>-o: write to this file instead of standard output.</summary>
    public string? Output { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.Value("--written-since", WrittenSince);
        argv.Flag("--metadata-snapshot", MetadataSnapshot);
        argv.Path("-o", Output);
        argv.Path(null, Input);
    }
}
