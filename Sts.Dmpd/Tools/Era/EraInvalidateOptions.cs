namespace Sts.Dmpd.Tools;

/// <summary>
/// era_invalidate: lists the blocks written since an era. The same options in 0.9.0 and 1.x,
/// but 1.0.5 to 1.2.1 take --metadata-snapshot with a value (see <see cref="MetadataSnapshot"/>).
/// </summary>
/// <param name="Input">The metadata device or file.</param>
/// <param name="WrittenSince">--written-since: the era.</param>
public sealed record EraInvalidateOptions(string Input, uint WrittenSince) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "era_invalidate";

    /// <summary>
    /// --metadata-snapshot: read the metadata snapshot of a live era device. A flag in 0.9 and
    /// from 1.2.2; in 1.0.5 to 1.2.1 (clap 4 without <c>ArgAction::SetTrue</c> on it in
    /// src/commands/era_invalidate.rs, fixed upstream by "[era_invalidate] Fix missing flag
    /// setting for --metadata-snapshot", 92eac578) it takes a value and would swallow the input
    /// path, so there it is written <c>--metadata-snapshot=1</c> (the tool only checks that it was given).
    /// </summary>
    public bool MetadataSnapshot { get; init; }

    /// <summary>-o: write to this file instead of standard output.</summary>
    public string? Output { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.Value("--written-since", WrittenSince);
        argv.Flag(TakesAValue(argv.Version) ? "--metadata-snapshot=1" : "--metadata-snapshot", MetadataSnapshot);
        argv.Path("-o", Output);
        argv.Path(null, Input);
    }

    private static bool TakesAValue(Version version) => version >= new Version(1, 0, 5) && version < new Version(1, 2, 2);
}
