namespace Sts.Dmpd.Tools;

/// <summary>
/// cache_writeback: copies the dirty blocks of an inactive cache from the fast device to the
/// origin and clears their dirty flags. The offsets, <see cref="RetryCount"/> and
/// <see cref="Quiet"/> are 1.x only. (0.9.0 segfaults, exit 139, after "Updating metadata" on a
/// metadata file; <see cref="NoMetadataUpdate"/> avoids that.)
/// </summary>
/// <param name="MetadataDevice">--metadata-device: the cache metadata.</param>
/// <param name="OriginDevice">--origin-device: the slow device.</param>
/// <param name="FastDevice">--fast-device: the cache device holding the dirty data.</param>
public sealed record CacheWritebackOptions(string MetadataDevice, string OriginDevice, string FastDevice) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "cache_writeback";

    /// <summary>--buffer-size-meg: the copy buffer in MiB.</summary>
    public ulong? BufferSizeMeg { get; init; }

    /// <summary>--list-failed-blocks: list the blocks that could not be copied.</summary>
    public bool ListFailedBlocks { get; init; }

    /// <summary>--no-metadata-update: copy but leave the dirty flags set.</summary>
    public bool NoMetadataUpdate { get; init; }

    /// <summary>--origin-device-offset: sectors (1.x only).</summary>
    public ulong? OriginDeviceOffset { get; init; }

    /// <summary>--fast-device-offset: sectors (1.x only).</summary>
    public ulong? FastDeviceOffset { get; init; }

    /// <summary>--retry-count: retries per failed block (1.x only).</summary>
    public ulong? RetryCount { get; init; }

    /// <summary>-q: no progress output (1.x only).</summary>
    public bool Quiet { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRust("--origin-device-offset", OriginDeviceOffset is not null);
        argv.RequireRust("--fast-device-offset", FastDeviceOffset is not null);
        argv.RequireRust("--retry-count", RetryCount is not null);
        argv.RequireRust("-q", Quiet);
        argv.Flag("-q", Quiet);
        argv.Path("--metadata-device", MetadataDevice);
        argv.Path("--origin-device", OriginDevice);
        argv.Path("--fast-device", FastDevice);
        argv.Value("--buffer-size-meg", BufferSizeMeg);
        argv.Flag("--list-failed-blocks", ListFailedBlocks);
        argv.Flag("--no-metadata-update", NoMetadataUpdate);
        argv.Value("--origin-device-offset", OriginDeviceOffset);
        argv.Value("--fast-device-offset", FastDeviceOffset);
        argv.Value("--retry-count", RetryCount);
    }
}
