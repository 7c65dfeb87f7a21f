namespace Sts.Dmpd.Tools;

/// <summary>era_repair: repairs dm-era metadata into another file or device. 1.x only (0.9.0 has no era_repair).</summary>
/// <param name="Input">-i: the damaged metadata.</param>
/// <param name="Output">-o: where the repaired metadata goes.</param>
public sealed record EraRepairOptions(string Input, string Output) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "era_repair";

    /// <summary>-q: no progress output.</summary>
    public bool Quiet { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRustTool();
        argv.Flag("-q", Quiet);
        argv.Path("-i", Input);
        argv.Path("-o", Output);
    }
}
