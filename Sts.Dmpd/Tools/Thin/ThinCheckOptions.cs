namespace Sts.Dmpd.Tools;

/// <summary>
/// thin_check: validates thin-pool metadata. 0.9.0 and 1.x share every flag here except
/// <see cref="OverrideDetailsRoot"/> (1.x only, src/commands/thin_check.rs).
/// </summary>
/// <param name="Input">The metadata device or file.</param>
public sealed record ThinCheckOptions(string Input) : DmpdCheckOptions(Input)
{
    /// <inheritdoc />
    public override string Tool => "thin_check";

    /// <summary>--super-block-only: check the superblock alone.</summary>
    public bool SuperBlockOnly { get; init; }

    /// <summary>--skip-mappings: check only the top level of the mapping tree.</summary>
    public bool SkipMappings { get; init; }

    /// <summary>--ignore-non-fatal-errors: exit 0 unless a fatal error is found (leaked blocks are non-fatal).</summary>
    public bool IgnoreNonFatalErrors { get; init; }

    /// <summary>--clear-needs-check-flag: clear the superblock's needs_check flag when the check passes (writes the input).</summary>
    public bool ClearNeedsCheckFlag { get; init; }

    /// <summary>--auto-repair: fix trivial problems (writes the input).</summary>
    public bool AutoRepair { get; init; }

    /// <summary>-m: check the metadata snapshot of a live pool instead of the current root.</summary>
    public bool MetadataSnapshot { get; init; }

    /// <summary>--override-mapping-root: the block to use as the mapping tree's root.</summary>
    public ulong? OverrideMappingRoot { get; init; }

    /// <summary>--override-details-root: the block to use as the device details tree's root (1.x only).</summary>
    public ulong? OverrideDetailsRoot { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRust("--override-details-root", OverrideDetailsRoot is not null);
        argv.Flag("-q", Quiet);
        argv.Flag("--super-block-only", SuperBlockOnly);
        argv.Flag("--skip-mappings", SkipMappings);
        argv.Flag("--ignore-non-fatal-errors", IgnoreNonFatalErrors);
        argv.Flag("--clear-needs-check-flag", ClearNeedsCheckFlag);
        argv.Flag("--auto-repair", AutoRepair);
        argv.Flag("-m", MetadataSnapshot);
        argv.Value("--override-mapping-root", OverrideMappingRoot);
        argv.Value("--override-details-root", OverrideDetailsRoot);
        argv.Path(null, Input);
    }
}
