using System.Globalization;
using Sts.Core.Units;

using Sts.Dmpd.Formats.Reports;

namespace Sts.Dmpd.Tools;

/// <summary>
/// thin_metadata_size: estimates the metadata size a pool needs. Sizes are passed in sectors
/// ("128s"), which both generations parse. Needs no input file.
/// </summary>
/// <param name="BlockSize">-b: the pool's data block size.</param>
/// <param name="PoolSize">-s: the pool's data size.</param>
/// <param name="MaxThins">-m: the most thin devices and snapshots the pool will hold.</param>
public sealed record ThinMetadataSizeOptions(Size BlockSize, Size PoolSize, ulong MaxThins) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_metadata_size";

    /// <summary>-u: the output unit; null for the tool's default (sectors).</summary>
    public MetadataSizeUnit? Unit { get; init; }

    /// <summary>-n: print the number alone, or with its unit.</summary>
    public MetadataSizeNumericOnly NumericOnly { get; init; }

    /// <summary>The letter both generations accept for a unit.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>E.g. "s".</returns>
    public static string UnitLetter(MetadataSizeUnit unit) =>
        MetadataSizeReport.Letter(unit).ToString();

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.Add("-b", InSectors(BlockSize, nameof(BlockSize)));
        argv.Add("-s", InSectors(PoolSize, nameof(PoolSize)));
        argv.Add("-m", MaxThins.ToString(CultureInfo.InvariantCulture));
        if (Unit is { } unit)
        {
            argv.Add("-u", UnitLetter(unit));
        }

        WriteNumericOnly(argv, NumericOnly);
    }

    internal static string InSectors(Size size, string what)
    {
        if (size == Size.Zero || !size.IsSectorAligned)
        {
            throw new ArgumentException($"{what} must be a positive multiple of 512 bytes, not {size}.", what);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{size.ToSectors().Count}s");
    }

    internal static void WriteNumericOnly(ArgumentWriter argv, MetadataSizeNumericOnly numericOnly)
    {
        switch (numericOnly)
        {
            case MetadataSizeNumericOnly.Number:
                argv.Add("-n");
                break;
            case MetadataSizeNumericOnly.ShortUnit:
                argv.Add("--numeric-only=short"); // '=' form: 0.9's getopt optional argument, 1.x's require_equals
                break;
            case MetadataSizeNumericOnly.LongUnit:
                argv.Add("--numeric-only=long");
                break;
            default:
                break;
        }
    }
}
