namespace Sts.Dmpd.Tools;

/// <summary>cache_repair: reads damaged dm-cache metadata and writes repaired metadata elsewhere. -q is 1.x only.</summary>
/// <param name="Input">-i: the damaged metadata.</param>
/// <param name="Output">-o: where the repaired metadata goes (an existing file or device).</param>
public sealed record CacheRepairOptions(string Input, string Output) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "cache_repair";

    /// <summary>-q: no progress output (1.x only).</summary>
    public bool Quiet { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRust("-q", Quiet);
        argv.Flag("-q", Quiet);
        argv.Path("-i", Input);
        argv.Path("-o", Output);
    }
}
