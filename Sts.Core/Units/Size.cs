using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Sts.Core.Units;

/// <summary>
/// A non-negative number of bytes. Arithmetic is checked (overflow throws, a negative result is
/// refused); text uses the invariant culture. Parses what storage engineers type: "512", "4k",
/// "512M", "1GiB", "1.5G", "2048s" (sectors). Single letters and IEC suffixes are binary
/// (k = KiB, as dmsetup, lvm and losetup read them); "kB", "MB", ... are decimal.
/// </summary>
public readonly record struct Size : IComparable<Size>, IParsable<Size>
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("EiB", 1L << 60), ("PiB", 1L << 50), ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10),
    ];

    private Size(long bytes) => Bytes = bytes;

    /// <summary>The number of bytes.</summary>
    public long Bytes { get; }

    /// <summary>No bytes.</summary>
    public static Size Zero => default;

    /// <summary>Creates a size from bytes.</summary>
    /// <param name="bytes">The number of bytes.</param>
    /// <exception cref="InvalidSizeException">The value is negative.</exception>
    public static Size FromBytes(long bytes) =>
        bytes >= 0 ? new Size(bytes) : throw new InvalidSizeException($"A size cannot be negative: {bytes} bytes.");

    /// <summary>Creates a size from KiB.</summary>
    /// <param name="kib">The number of KiB.</param>
    /// <exception cref="InvalidSizeException">The value is negative.</exception>
    /// <exception cref="OverflowException">The value does not fit in 64 bits of bytes.</exception>
    public static Size FromKiB(long kib) => FromBytes(checked(kib * 1024));

    /// <summary>Creates a size from MiB.</summary>
    /// <param name="mib">The number of MiB.</param>
    /// <exception cref="InvalidSizeException">The value is negative.</exception>
    /// <exception cref="OverflowException">The value does not fit in 64 bits of bytes.</exception>
    public static Size FromMiB(long mib) => FromBytes(checked(mib * (1L << 20)));

    /// <summary>Creates a size from GiB.</summary>
    /// <param name="gib">The number of GiB.</param>
    /// <exception cref="InvalidSizeException">The value is negative.</exception>
    /// <exception cref="OverflowException">The value does not fit in 64 bits of bytes.</exception>
    public static Size FromGiB(long gib) => FromBytes(checked(gib * (1L << 30)));

    /// <summary>Whether the size is a whole number of 512-byte sectors.</summary>
    public bool IsSectorAligned => Bytes % Sectors.SectorSize == 0;

    /// <summary>Converts to sectors.</summary>
    /// <returns>The size in 512-byte sectors.</returns>
    /// <exception cref="InvalidSizeException">The size is not a whole number of sectors.</exception>
    public Sectors ToSectors() => IsSectorAligned
        ? Sectors.FromCount(Bytes / Sectors.SectorSize)
        : throw new InvalidSizeException($"{this} ({Bytes} bytes) is not a whole number of 512-byte sectors.");

    /// <summary>Checks that the size is a multiple of an alignment.</summary>
    /// <param name="alignment">The alignment; must be positive.</param>
    /// <param name="what">What the size is, for the message (e.g. "data block size").</param>
    /// <returns>This size.</returns>
    /// <exception cref="InvalidSizeException">The size is not a multiple of <paramref name="alignment"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The alignment is zero.</exception>
    public Size EnsureAlignedTo(Size alignment, string what)
    {
        ArgumentOutOfRangeException.ThrowIfZero(alignment.Bytes, nameof(alignment));
        return Bytes % alignment.Bytes == 0
            ? this
            : throw new InvalidSizeException($"The {what} {this} is not a multiple of {alignment}.");
    }

    /// <summary>Parses a size; see the type's summary for the accepted forms.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: sizes are always invariant.</param>
    /// <returns>The size.</returns>
    /// <exception cref="InvalidSizeException">The text is not a size, is negative, fractional below one byte, or too large.</exception>
    public static Size Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, out var size, out var error) ? size : throw new InvalidSizeException(error);

    /// <summary>Tries to parse a size; see the type's summary for the accepted forms.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: sizes are always invariant.</param>
    /// <param name="result">The size, when the text is one.</param>
    /// <returns>True when the text is a size.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Size result) =>
        TryParse(s, out result, out _);

    // Hand-written rather than a pattern: the text comes from users and tools, and adjacent
    // optional-whitespace groups made a regular expression take quadratic time on a long run of
    // blanks (100,000 spaces took 18 s). One pass, ASCII digits only, exact arithmetic.
    private static bool TryParse(string? s, out Size result, out string error)
    {
        result = default;
        error = $"'{Shorten(s)}' is not a size: expected a number with an optional unit (B, s, K/KiB, M/MiB, G/GiB, T/TiB, P/PiB, E/EiB, kB, MB, GB, TB, PB, EB).";
        if (s is null)
        {
            return false;
        }

        var text = s.AsSpan().Trim();
        var negative = false;
        if (!text.IsEmpty && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            text = text[1..].TrimStart();
        }

        var integerEnd = CountDigits(text);
        var integer = text[..integerEnd];
        var fraction = ReadOnlySpan<char>.Empty;
        var rest = text[integerEnd..];
        if (rest.Length > 0 && rest[0] == '.')
        {
            var fractionLength = CountDigits(rest[1..]);
            if (fractionLength == 0)
            {
                return false;
            }

            fraction = rest.Slice(1, fractionLength);
            rest = rest[(1 + fractionLength)..];
        }

        var unit = rest.TrimStart();
        if (integer.IsEmpty || !IsAsciiLetters(unit))
        {
            return false;
        }

        if (negative)
        {
            error = $"'{Shorten(s)}': a size cannot be negative.";
            return false;
        }

        if (Factor(unit.ToString()) is not { } factor)
        {
            error = $"'{Shorten(s)}': unknown unit '{Shorten(unit.ToString())}'.";
            return false;
        }

        // Leading zeros of the integer and trailing zeros of the fraction carry nothing; what is
        // left is bounded before any arithmetic: more than 19 integer digits is too large, and a
        // fraction of more than 60 digits cannot come to whole bytes with a factor of at most 2^60.
        integer = integer.TrimStart('0');
        fraction = fraction.TrimEnd('0');
        if (integer.Length > 19)
        {
            error = $"'{Shorten(s)}' is too large: at most {long.MaxValue} bytes.";
            return false;
        }

        if (fraction.Length > 60)
        {
            error = $"'{Shorten(s)}' is not a whole number of bytes.";
            return false;
        }

        var scale = BigInteger.Pow(10, fraction.Length);
        var scaled = (Digits(integer) * scale + Digits(fraction)) * factor;
        var bytes = BigInteger.DivRem(scaled, scale, out var remainder);
        if (!remainder.IsZero)
        {
            error = $"'{Shorten(s)}' is not a whole number of bytes.";
            return false;
        }

        if (bytes > long.MaxValue)
        {
            error = $"'{Shorten(s)}' is too large: at most {long.MaxValue} bytes.";
            return false;
        }

        result = new Size((long)bytes);
        error = string.Empty;
        return true;
    }

    private static int CountDigits(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsAsciiLetters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static BigInteger Digits(ReadOnlySpan<char> digits) =>
        digits.IsEmpty ? BigInteger.Zero : BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    // Error messages quote the text, but not 100,000 characters of it.
    private static string Shorten(string? text) =>
        text is null ? "(null)" : text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    private static long? Factor(string unit) => unit switch
    {
        "" or "b" or "B" => 1,
        "s" or "S" => Sectors.SectorSize,
        "k" or "K" or "Ki" or "KiB" => 1L << 10,
        "m" or "M" or "Mi" or "MiB" => 1L << 20,
        "g" or "G" or "Gi" or "GiB" => 1L << 30,
        "t" or "T" or "Ti" or "TiB" => 1L << 40,
        "p" or "P" or "Pi" or "PiB" => 1L << 50,
        "e" or "E" or "Ei" or "EiB" => 1L << 60,
        "kB" or "KB" => 1000,
        "MB" => 1000_000,
        "GB" => 1000_000_000,
        "TB" => 1000_000_000_000,
        "PB" => 1000_000_000_000_000,
        "EB" => 1000_000_000_000_000_000,
        _ => null,
    };

    /// <summary>Sum of two sizes.</summary>
    /// <exception cref="OverflowException">The sum does not fit.</exception>
    public static Size operator +(Size left, Size right) => new(checked(left.Bytes + right.Bytes));

    /// <summary>Difference of two sizes.</summary>
    /// <exception cref="InvalidSizeException">The result would be negative.</exception>
    public static Size operator -(Size left, Size right) => FromBytes(left.Bytes - right.Bytes);

    /// <summary>A size times a non-negative factor.</summary>
    /// <exception cref="OverflowException">The product does not fit.</exception>
    /// <exception cref="InvalidSizeException">The factor is negative.</exception>
    public static Size operator *(Size size, long factor) => FromBytes(checked(size.Bytes * factor));

    /// <summary>A size divided by a positive divisor, rounded down.</summary>
    /// <exception cref="DivideByZeroException">The divisor is zero.</exception>
    /// <exception cref="InvalidSizeException">The divisor is negative.</exception>
    public static Size operator /(Size size, long divisor) => FromBytes(size.Bytes / divisor);

    /// <summary>Compares sizes.</summary>
    public static bool operator <(Size left, Size right) => left.Bytes < right.Bytes;

    /// <summary>Compares sizes.</summary>
    public static bool operator >(Size left, Size right) => left.Bytes > right.Bytes;

    /// <summary>Compares sizes.</summary>
    public static bool operator <=(Size left, Size right) => left.Bytes <= right.Bytes;

    /// <summary>Compares sizes.</summary>
    public static bool operator >=(Size left, Size right) => left.Bytes >= right.Bytes;

    /// <inheritdoc />
    public int CompareTo(Size other) => Bytes.CompareTo(other.Bytes);

    /// <summary>
    /// The exact size in the largest binary unit that divides it ("512MiB", "1536KiB", "100B"),
    /// which <see cref="Parse"/> reads back to the same value.
    /// </summary>
    public override string ToString()
    {
        foreach (var (suffix, factor) in Units)
        {
            if (Bytes != 0 && Bytes % factor == 0)
            {
                return (Bytes / factor).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return Bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }
}
