namespace Sts.Dmpd.Tools;

/// <summary>cache_dump: writes dm-cache metadata as XML. Same flags in 0.9.0 and 1.x.</summary>
/// <param name="Input">The metadata device or file.</param>
public sealed record CacheDumpOptions(string Input) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "cache_dump";

    /// <summary>--repair: salvage what can be read.</summary>
    public bool Repair { get; init; }

    /// <summary>-o: write to this file instead of standard output.</summary>
    public string? Output { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.Flag("--repair", Repair);
        argv.Path("-o", Output);
        argv.Path(null, Input);
    }
}
