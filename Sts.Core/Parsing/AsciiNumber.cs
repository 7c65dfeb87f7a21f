namespace Sts.Core.Parsing;

/// <summary>
/// The one place Sts reads decimal integers from text it does not control (kernel status lines,
/// tool outputs, sysfs, JSON strings): ASCII digits '0'-'9' only — no sign, no whitespace, no
/// culture, no Arabic-Indic or fullwidth digits, which .NET's <c>\d</c> and
/// <c>char.IsDigit</c> accept — and a range check instead of an overflow exception. Every
/// method is a <c>Try</c> method: callers turn a miss into their own documented exception.
/// </summary>
public static class AsciiNumber
{
    /// <summary>True when the text is one or more ASCII digits and nothing else.</summary>
    /// <param name="text">The text.</param>
    /// <returns>True for "0", "0012", "18446744073709551616"; false for "", "+1", " 1", "١".</returns>
    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads an unsigned decimal integer of at most <paramref name="max"/>.</summary>
    /// <param name="text">ASCII digits only.</param>
    /// <param name="max">The largest value accepted.</param>
    /// <param name="value">The value, when the text is one in range; else 0.</param>
    /// <returns>False for anything but ASCII digits, or a value above <paramref name="max"/>.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, ulong max, out ulong value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        ulong result = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            var digit = (ulong)(c - '0');
            if (digit > max || result > (max - digit) / 10)
            {
                return false; // result * 10 + digit > max, decided without overflowing
            }

            result = (result * 10) + digit;
        }

        value = result;
        return true;
    }

    /// <summary>Reads an unsigned 64-bit decimal integer (0 .. 2^64-1).</summary>
    /// <param name="text">ASCII digits only.</param>
    /// <param name="value">The value.</param>
    /// <returns>False for anything else or a value that does not fit.</returns>
    public static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value) => TryParse(text, ulong.MaxValue, out value);

    /// <summary>Reads an unsigned 32-bit decimal integer (0 .. 2^32-1).</summary>
    /// <param name="text">ASCII digits only.</param>
    /// <param name="value">The value.</param>
    /// <returns>False for anything else or a value that does not fit.</returns>
    public static bool TryParseUInt32(ReadOnlySpan<char> text, out uint value)
    {
        var ok = TryParse(text, uint.MaxValue, out var wide);
        value = (uint)wide;
        return ok;
    }

    /// <summary>Reads a non-negative decimal integer that fits a <see cref="long"/> (0 .. 2^63-1).</summary>
    /// <param name="text">ASCII digits only.</param>
    /// <param name="value">The value.</param>
    /// <returns>False for anything else or a value that does not fit.</returns>
    public static bool TryParseNonNegativeInt64(ReadOnlySpan<char> text, out long value)
    {
        var ok = TryParse(text, long.MaxValue, out var wide);
        value = (long)wide;
        return ok;
    }

    /// <summary>Reads a non-negative decimal integer that fits an <see cref="int"/> (0 .. 2^31-1).</summary>
    /// <param name="text">ASCII digits only.</param>
    /// <param name="value">The value.</param>
    /// <returns>False for anything else or a value that does not fit.</returns>
    public static bool TryParseNonNegativeInt32(ReadOnlySpan<char> text, out int value)
    {
        var ok = TryParse(text, int.MaxValue, out var wide);
        value = (int)wide;
        return ok;
    }

    /// <summary>Reads a decimal integer with an optional leading '-' that fits a <see cref="long"/>.</summary>
    /// <param name="text">An optional '-' then ASCII digits.</param>
    /// <param name="value">The value.</param>
    /// <returns>False for anything else or a value that does not fit.</returns>
    public static bool TryParseInt64(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (!text.IsEmpty && text[0] == '-')
        {
            if (!TryParse(text[1..], (ulong)long.MaxValue + 1, out var magnitude))
            {
                return false;
            }

            value = unchecked((long)(0 - magnitude));
            return true;
        }

        return TryParseNonNegativeInt64(text, out value);
    }
}
