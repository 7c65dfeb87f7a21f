using System.Globalization;
using Sts.Core.Units;

using Sts.Dmpd.Formats.Reports;

namespace Sts.Dmpd.Tools;

/// <summary>
/// cache_metadata_size: estimates the metadata size of a cache. Give either
/// <see cref="NrBlocks"/> or both <see cref="BlockSize"/> and <see cref="DeviceSize"/> (of the fast
/// device). 0.9.0 takes the sizes as bare sector counts; 1.x takes sizes with units, so "Ns" is
/// written there. <see cref="Unit"/> and <see cref="NumericOnly"/> are 1.x only.
/// </summary>
public sealed record CacheMetadataSizeOptions : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "cache_metadata_size";

    /// <summary>--block-size: the cache block size.</summary>
    public Size? BlockSize { get; init; }

    /// <summary>--device-size: the fast device's size.</summary>
    public Size? DeviceSize { get; init; }

    /// <summary>--nr-blocks: the number of cache blocks.</summary>
    public ulong? NrBlocks { get; init; }

    /// <summary>--max-hint-width: bytes of policy hint per block (the tools default to 4).</summary>
    public uint? MaxHintWidth { get; init; }

    /// <summary>-u: the output unit (1.x only).</summary>
    public MetadataSizeUnit? Unit { get; init; }

    /// <summary>-n: print the number alone, or with its unit (1.x only).</summary>
    public MetadataSizeNumericOnly NumericOnly { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireRust("-u", Unit is not null);
        argv.RequireRust("--numeric-only", NumericOnly != MetadataSizeNumericOnly.Off);
        var bySize = BlockSize is not null || DeviceSize is not null;
        if (bySize == (NrBlocks is not null) || (bySize && (BlockSize is null || DeviceSize is null)))
        {
            throw new ArgumentException("cache_metadata_size needs either NrBlocks, or both BlockSize and DeviceSize.");
        }

        if (BlockSize is { } block && DeviceSize is { } device)
        {
            argv.Add("--block-size", Sectors(argv, block, nameof(BlockSize)));
            argv.Add("--device-size", Sectors(argv, device, nameof(DeviceSize)));
        }

        argv.Value("--nr-blocks", NrBlocks);
        argv.Value("--max-hint-width", MaxHintWidth);
        if (Unit is { } unit)
        {
            argv.Add("-u", ThinMetadataSizeOptions.UnitLetter(unit));
        }

        ThinMetadataSizeOptions.WriteNumericOnly(argv, NumericOnly);
    }

    private static string Sectors(ArgumentWriter argv, Size size, string what)
    {
        var withUnit = ThinMetadataSizeOptions.InSectors(size, what); // "128s"
        return argv.Generation == DmpdGeneration.Rust
            ? withUnit
            : size.ToSectors().Count.ToString(CultureInfo.InvariantCulture); // 0.9.0: "bad lexical cast" on "128s"
    }
}
