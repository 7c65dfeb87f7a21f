namespace Sts.Dmpd.Tools;

/// <summary>era_restore: writes binary dm-era metadata from XML onto an existing file or device.</summary>
/// <param name="Input">-i: the XML file.</param>
/// <param name="Output">-o: the metadata device or existing file.</param>
public sealed record EraRestoreOptions(string Input, string Output) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "era_restore";

    /// <summary>-q: no progress output.</summary>
    public bool Quiet { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.Flag("-q", Quiet);
        argv.Path("-i", Input);
        argv.Path("-o", Output);
    }
}
