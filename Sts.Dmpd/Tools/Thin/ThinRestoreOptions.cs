namespace Sts.Dmpd.Tools;

/// <summary>
/// thin_restore: writes binary metadata from XML onto an existing file or device (0.9.0: "Output
/// file does not exist." otherwise; 1.x also wants at least 40 KiB and asks before overwriting
/// metadata).
/// </summary>
/// <param name="Input">The XML file.</param>
/// <param name="Output">The metadata device or existing file.</param>
public sealed record ThinRestoreOptions(string Input, string Output) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_restore";

    /// <summary>-q: no progress output.</summary>
    public bool Quiet { get; init; }

    /// <summary>--transaction-id: override the XML's transaction id.</summary>
    public ulong? TransactionId { get; init; }

    /// <summary>--data-block-size: override the XML's data block size (sectors).</summary>
    public ulong? DataBlockSize { get; init; }

    /// <summary>--nr-data-blocks: override the XML's number of data blocks.</summary>
    public ulong? NrDataBlocks { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.Flag("-q", Quiet);
        argv.Value("--transaction-id", TransactionId);
        argv.Value("--data-block-size", DataBlockSize);
        argv.Value("--nr-data-blocks", NrDataBlocks);
        argv.Path("-i", Input);
        argv.Path("-o", Output);
    }
}
