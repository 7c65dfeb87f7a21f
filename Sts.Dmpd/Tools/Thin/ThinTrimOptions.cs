namespace Sts.Dmpd.Tools;

/// <summary>
/// thin_trim: discards the unused data blocks of an inactive pool. The data device must be a
/// block device (0.9.0: "Data device is not a block device"). -q is 1.x only.
/// </summary>
/// <param name="MetadataDevice">--metadata-dev: the pool's metadata.</param>
/// <param name="DataDevice">--data-dev: the pool's data device.</param>
public sealed record ThinTrimOptions(string MetadataDevice, string DataDevice) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_trim";

    /// <summary>-q: no progress output (1.x only).</summary>
    public bool Quiet { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRust("-q", Quiet);
        argv.Flag("-q", Quiet);
        argv.Path("--metadata-dev", MetadataDevice);
        argv.Path("--data-dev", DataDevice);
    }
}
