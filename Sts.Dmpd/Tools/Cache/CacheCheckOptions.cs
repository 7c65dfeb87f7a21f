namespace Sts.Dmpd.Tools;

/// <summary>
/// cache_check: validates dm-cache metadata. <see cref="AutoRepair"/> and
/// <see cref="IgnoreNonFatalErrors"/> are 1.x only (src/commands/cache_check.rs; 0.9.0's --help
/// lacks them).
/// </summary>
/// <param name="Input">The metadata device or file.</param>
public sealed record CacheCheckOptions(string Input) : DmpdCheckOptions(Input)
{
    /// <inheritdoc />
    public override string Tool => "cache_check";

    /// <summary>--super-block-only: check the superblock alone.</summary>
    public bool SuperBlockOnly { get; init; }

    /// <summary>--skip-mappings: do not check the mapping array.</summary>
    public bool SkipMappings { get; init; }

    /// <summary>--skip-hints: do not check the hint array.</summary>
    public bool SkipHints { get; init; }

    /// <summary>--skip-discards: do not check the discard bitset.</summary>
    public bool SkipDiscards { get; init; }

    /// <summary>--clear-needs-check-flag: clear needs_check when the check passes (writes the input).</summary>
    public bool ClearNeedsCheckFlag { get; init; }

    /// <summary>--ignore-non-fatal-errors (1.x only).</summary>
    public bool IgnoreNonFatalErrors { get; init; }

    /// <summary>--auto-repair: fix trivial problems (1.x only; writes the input).</summary>
    public bool AutoRepair { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRust("--ignore-non-fatal-errors", IgnoreNonFatalErrors);
        argv.RequireRust("--auto-repair", AutoRepair);
        argv.Flag("-q", Quiet);
        argv.Flag("--super-block-only", SuperBlockOnly);
        argv.Flag("--skip-mappings", SkipMappings);
        argv.Flag("--skip-hints", SkipHints);
        argv.Flag("--skip-discards", SkipDiscards);
        argv.Flag("--clear-needs-check-flag", ClearNeedsCheckFlag);
        argv.Flag("--ignore-non-fatal-errors", IgnoreNonFatalErrors);
        argv.Flag("--auto-repair", AutoRepair);
        argv.Path(null, Input);
    }
}
