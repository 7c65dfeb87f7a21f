namespace Sts.Dmpd.Tools;

/// <summary>era_dump: writes dm-era metadata as XML. Same flags in 0.9.0 and 1.x.</summary>
/// <param name="Input">The metadata device or file.</param>
public sealed record EraDumpOptions(string Input) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "era_dump";

    /// <summary>--repair: salvage what can be read.</summary>
    public bool Repair { get; init; }

    /// <summary>--logical: fold the unprocessed write sets into the era array.</summary>
    public bool Logical { get; init; }

    /// <summary>-o: write to this file instead of standard output.</summary>
    public string? Output { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.Flag("--repair", Repair);
        argv.Flag("--logical", Logical);
        argv.Path("-o", Output);
        argv.Path(null, Input);
    }
}
