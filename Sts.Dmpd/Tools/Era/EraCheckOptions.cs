namespace Sts.Dmpd.Tools;

/// <summary>
/// era_check: validates dm-era metadata. <see cref="IgnoreNonFatalErrors"/> is 1.x only
/// (src/commands/era_check.rs). 0.9.0 aborts (SIGABRT, exit 134) on some damaged btrees: the
/// outcome is then <see cref="CheckOutcome.Crashed"/>.
/// </summary>
/// <param name="Input">The metadata device or file.</param>
public sealed record EraCheckOptions(string Input) : DmpdCheckOptions(Input)
{
    /// <inheritdoc />
    public override string Tool => "era_check";

    /// <summary>--super-block-only: check the superblock alone.</summary>
    public bool SuperBlockOnly { get; init; }

    /// <summary>--ignore-non-fatal-errors (1.x only).</summary>
    public bool IgnoreNonFatalErrors { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRust("--ignore-non-fatal-errors", IgnoreNonFatalErrors);
        argv.Flag("-q", Quiet);
        argv.Flag("--super-block-only", SuperBlockOnly);
        argv.Flag("--ignore-non-fatal-errors", IgnoreNonFatalErrors);
        argv.Path(null, Input);
    }
}
