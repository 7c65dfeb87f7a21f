namespace Sts.Dmpd.Tools;

/// <summary>thin_metadata_unpack: expands a packed file back into metadata. 1.x only (short -i/-o only).</summary>
/// <param name="Input">-i: the packed file.</param>
/// <param name="Output">-o: the metadata device or file.</param>
public sealed record ThinMetadataUnpackOptions(string Input, string Output) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_metadata_unpack";

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
