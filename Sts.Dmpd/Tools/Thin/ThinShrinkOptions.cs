namespace Sts.Dmpd.Tools;

/// <summary>
/// thin_shrink: rewrites XML metadata (or, with <see cref="Binary"/>, binary metadata) for a
/// smaller pool and moves the data that lies beyond the new end. 1.x only
/// (src/commands/thin_shrink.rs).
/// </summary>
/// <param name="Input">-i: the metadata XML (binary with <see cref="Binary"/>).</param>
/// <param name="Output">-o: the rewritten metadata.</param>
/// <param name="DataDevice">--data: the pool's data device, where data is moved.</param>
/// <param name="NrBlocks">--nr-blocks: the new pool size in data blocks.</param>
public sealed record ThinShrinkOptions(string Input, string Output, string DataDevice, ulong NrBlocks) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_shrink";

    /// <summary>--no-copy: do not move data (benchmarking).</summary>
    public bool NoCopy { get; init; }

    /// <summary>--binary: rebuild binary metadata instead of rewriting XML.</summary>
    public bool Binary { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRustTool();
        argv.Path("-i", Input);
        argv.Path("-o", Output);
        argv.Path("--data", DataDevice);
        argv.Value("--nr-blocks", NrBlocks);
        argv.Flag("--no-copy", NoCopy);
        argv.Flag("--binary", Binary);
    }
}
