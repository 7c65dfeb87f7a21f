namespace Sts.Dmpd.Tools;

/// <summary>
/// thin_migrate (1.1 and later): copies the provisioned blocks of a read-only thin device of a
/// live pool, read through the pool's reserved metadata snapshot, to a device or a file. Give
/// exactly one of <see cref="DestinationDevice"/> and <see cref="DestinationFile"/>.
/// </summary>
/// <param name="SourceDevice">--source-dev: the read-only thin device (its table loaded read-only).</param>
public sealed record ThinMigrateOptions(string SourceDevice) : DmpdToolOptions
{
    private static readonly Version FirstVersion = new(1, 1);

    /// <inheritdoc />
    public override string Tool => "thin_migrate";

    /// <summary>--dest-dev: a block device of the source's size.</summary>
    public string? DestinationDevice { get; init; }

    /// <summary>--dest-file: a regular file, created or truncated to the source's size.</summary>
    public string? DestinationFile { get; init; }

    /// <summary>--buffer-size-meg: the copy buffers' size in MiB.</summary>
    public ulong? BufferSizeMeg { get; init; }

    /// <summary>-q: no progress messages.</summary>
    public bool Quiet { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRustTool();
        argv.RequireAtLeast(Tool, FirstVersion, used: true);
        if ((DestinationDevice is null) == (DestinationFile is null))
        {
            throw new ArgumentException("thin_migrate needs exactly one of DestinationDevice and DestinationFile.");
        }

        argv.Flag("-q", Quiet);
        argv.Path("--source-dev", SourceDevice);
        argv.Path("--dest-dev", DestinationDevice);
        argv.Path("--dest-file", DestinationFile);
        argv.Value("--buffer-size-meg", BufferSizeMeg);
    }
}
