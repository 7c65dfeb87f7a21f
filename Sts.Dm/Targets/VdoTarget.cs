using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// vdo (Linux 6.9+): "V4 storage_device storage_blocks minimum_io_size block_map_cache_blocks block_map_era_length [key value]..."
/// (Documentation/admin-guide/device-mapper/vdo.rst). Optional key value pairs are kept as words.
/// </summary>
public sealed record VdoTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="storageDevice">The device holding the volume.</param>
    /// <param name="storageBlocks">Its size in 4096-byte blocks.</param>
    /// <param name="minimumIoSize">512 or 4096 bytes.</param>
    /// <param name="blockMapCacheBlocks">Block map cache size in 4096-byte blocks.</param>
    /// <param name="blockMapEraLength">Block map era length, 1..16380.</param>
    /// <param name="optionalArguments">Optional "key value" words, an even number.</param>
    /// <exception cref="DmValidationException">The minimum I/O size or era length is refused, or the optional words are not pairs.</exception>
    public VdoTarget(DeviceReference storageDevice, ulong storageBlocks, Size minimumIoSize, ulong blockMapCacheBlocks, uint blockMapEraLength,
        ValueList<string> optionalArguments)
    {
        StorageDevice = Require.NotNull(storageDevice, "storage device");
        StorageBlocks = storageBlocks;
        Require.That(minimumIoSize.Bytes is 512 or 4096, "minimum I/O size", $"vdo's minimum I/O size is 512 or 4096 bytes, not {minimumIoSize.Bytes}.");
        MinimumIoSize = minimumIoSize;
        BlockMapCacheBlocks = blockMapCacheBlocks;
        Require.That(blockMapEraLength is >= 1 and <= 16380, "block map era length", $"vdo's block map era length is 1..16380, not {blockMapEraLength}.");
        BlockMapEraLength = blockMapEraLength;
        OptionalArguments = Require.Words(optionalArguments, "optional arguments");
        Require.That(optionalArguments.Count % 2 == 0, "optional arguments", "vdo's optional arguments are key value pairs.");
    }

    /// <summary>The device holding the volume.</summary>
    public DeviceReference StorageDevice { get; }

    /// <summary>Its size in 4096-byte blocks.</summary>
    public ulong StorageBlocks { get; }

    /// <summary>The minimum I/O size.</summary>
    public Size MinimumIoSize { get; }

    /// <summary>Block map cache size in 4096-byte blocks.</summary>
    public ulong BlockMapCacheBlocks { get; }

    /// <summary>Block map era length.</summary>
    public uint BlockMapEraLength { get; }

    /// <summary>Optional "key value" words.</summary>
    public ValueList<string> OptionalArguments { get; }

    /// <inheritdoc />
    public override string TargetType => "vdo";

    /// <summary>The vdo arguments.</summary>
    public override string FormatArguments() =>
        Words.Join("V4", StorageDevice, StorageBlocks, MinimumIoSize.Bytes, BlockMapCacheBlocks, BlockMapEraLength,
            OptionalArguments.Count == 0 ? null : string.Join(' ', OptionalArguments));

    /// <summary>Parses the vdo arguments.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit, or the version is not V4.</exception>
    public static VdoTarget Parse(string arguments) =>
        ArgumentReader.Run("vdo", arguments, r =>
        {
            r.Expect("V4");
            return new VdoTarget(r.NextDevice("storage device"), r.NextUInt64("storage device size"), Size.FromBytes(r.NextUInt32("minimum I/O size")),
                r.NextUInt64("block map cache size"), r.NextUInt32("block map era length"), r.Rest());
        });
}
