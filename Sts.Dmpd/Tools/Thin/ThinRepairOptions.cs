namespace Sts.Dmpd.Tools;

/// <summary>
/// thin_repair: reads damaged metadata and writes repaired metadata to another existing file or
/// device. With a damaged superblock it needs the overrides (0.9.0: "The following field needs to
/// be provided on the command line due to corruption in the superblock: transaction id").
/// -q is 1.x only.
/// </summary>
/// <param name="Input">The damaged metadata.</param>
/// <param name="Output">Where the repaired metadata goes (an existing file or device).</param>
public sealed record ThinRepairOptions(string Input, string Output) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_repair";

    /// <summary>--transaction-id: the transaction id to write when the superblock is unreadable.</summary>
    public ulong? TransactionId { get; init; }

    /// <summary>--data-block-size: the data block size (sectors) when the superblock is unreadable.</summary>
    public ulong? DataBlockSize { get; init; }

    /// <summary>--nr-data-blocks: the number of data blocks when the superblock is unreadable.</summary>
    public ulong? NrDataBlocks { get; init; }

    /// <summary>-q: no progress output (1.x only).</summary>
    public bool Quiet { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRust("-q", Quiet);
        argv.Flag("-q", Quiet);
        argv.Value("--transaction-id", TransactionId);
        argv.Value("--data-block-size", DataBlockSize);
        argv.Value("--nr-data-blocks", NrDataBlocks);
        argv.Path("-i", Input);
        argv.Path("-o", Output);
    }
}
