namespace Sts.Dmpd.Tools;

/// <summary>thin_metadata_pack: compresses the used blocks of thin metadata into a file. 1.x only.</summary>
/// <param name="Input">-i: the metadata device or file.</param>
/// <param name="Output">-o: the packed file.</param>
public sealed record ThinMetadataPackOptions(string Input, string Output) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_metadata_pack";

    /// <summary>-f: overwrite an output that already holds metadata without asking.</summary>
    public bool Force { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRustTool();
        argv.Flag("-f", Force);
        argv.Path("-i", Input);
        argv.Path("-o", Output);
    }
}
