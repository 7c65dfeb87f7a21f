using System.Globalization;
using Sts.Core.Parsing;

namespace Sts.Core.Units;

/// <summary>
/// A non-negative count of 512-byte sectors, the unit of device-mapper tables and of
/// <c>/sys/block/*/size</c> whatever the device's logical block size. Arithmetic is checked.
/// </summary>
public readonly record struct Sectors : IComparable<Sectors>
{
    /// <summary>Bytes in one sector: always 512 in the kernel's block layer accounting.</summary>
    public const int SectorSize = 512;

    private Sectors(long count) => Count = count;

    /// <summary>The number of sectors.</summary>
    public long Count { get; }

    /// <summary>No sectors.</summary>
    public static Sectors Zero => default;

    /// <summary>Creates a sector count.</summary>
    /// <param name="count">The number of sectors.</param>
    /// <exception cref="InvalidSizeException">The count is negative, or its size in bytes does not fit in 64 bits.</exception>
    public static Sectors FromCount(long count)
    {
        if (count < 0)
        {
            throw new InvalidSizeException($"A sector count cannot be negative: {count}.");
        }

        if (count > long.MaxValue / SectorSize)
        {
            throw new InvalidSizeException($"{count} sectors do not fit in 64 bits of bytes.");
        }

        return new Sectors(count);
    }

    /// <summary>Parses a decimal sector count as the kernel prints it.</summary>
    /// <param name="text">Digits only.</param>
    /// <returns>The count.</returns>
    /// <exception cref="InvalidSizeException">The text is not a non-negative integer that fits.</exception>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    public static Sectors Parse(string text) =>
        AsciiNumber.TryParseNonNegativeInt64(text, out var count)
            ? FromCount(count)
            : throw new InvalidSizeException($"'{text}' is not a sector count.");

    /// <summary>The same amount as a <see cref="Size"/>.</summary>
    public Size ToSize() => Size.FromBytes(Count * SectorSize);

    /// <summary>Sum of two counts.</summary>
    /// <exception cref="InvalidSizeException">The sum does not fit.</exception>
    public static Sectors operator +(Sectors left, Sectors right) => FromCount(checked(left.Count + right.Count));

    /// <summary>Difference of two counts.</summary>
    /// <exception cref="InvalidSizeException">The result would be negative.</exception>
    public static Sectors operator -(Sectors left, Sectors right) => FromCount(left.Count - right.Count);

    /// <summary>Compares counts.</summary>
    public static bool operator <(Sectors left, Sectors right) => left.Count < right.Count;

    /// <summary>Compares counts.</summary>
    public static bool operator >(Sectors left, Sectors right) => left.Count > right.Count;

    /// <summary>Compares counts.</summary>
    public static bool operator <=(Sectors left, Sectors right) => left.Count <= right.Count;

    /// <summary>Compares counts.</summary>
    public static bool operator >=(Sectors left, Sectors right) => left.Count >= right.Count;

    /// <inheritdoc />
    public int CompareTo(Sectors other) => Count.CompareTo(other.Count);

    /// <summary>The count as the kernel writes it in a table: decimal digits, invariant culture.</summary>
    public override string ToString() => Count.ToString(CultureInfo.InvariantCulture);
}
