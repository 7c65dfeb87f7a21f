using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Parsing;

namespace Sts.Tests.Unit.Robustness;

/// <summary>The one number reader every parser uses: ASCII digits only, and the range decided without overflow.</summary>
public sealed class AsciiNumberTests
{
    [TestCase("0", 0UL)]
    [TestCase("007", 7UL)]
    [TestCase("18446744073709551615", ulong.MaxValue)]
    public void ASCII_digits_within_64_bits_are_read(string text, ulong value)
    {
        AsciiNumber.TryParseUInt64(text, out var read).Should().BeTrue();
        read.Should().Be(value);
    }

    [TestCase("")]
    [TestCase("18446744073709551616")]
    [TestCase("+1")]
    [TestCase("-1")]
    [TestCase(" 1")]
    [TestCase("1 ")]
    [TestCase("١")]
    [TestCase("３")]
    [TestCase("1e3")]
    public void Anything_else_is_refused(string text) => AsciiNumber.TryParseUInt64(text, out _).Should().BeFalse();

    [TestCase("7", 7UL, true)]
    [TestCase("8", 7UL, false)] // a single digit above the bound (7 - 8 must not wrap around)
    [TestCase("70", 69UL, false)]
    [TestCase("69", 69UL, true)]
    [TestCase("0", 0UL, true)]
    [TestCase("1", 0UL, false)]
    public void The_bound_is_exact(string text, ulong max, bool accepted) => AsciiNumber.TryParse(text, max, out _).Should().Be(accepted);

    [TestCase("2147483647", true)]
    [TestCase("2147483648", false)]
    public void Non_negative_int32_stops_at_2_to_the_31_minus_1(string text, bool accepted) =>
        AsciiNumber.TryParseNonNegativeInt32(text, out _).Should().Be(accepted);

    [TestCase("-9223372036854775808", long.MinValue)]
    [TestCase("9223372036854775807", long.MaxValue)]
    [TestCase("-0", 0L)]
    public void Signed_64_bit_numbers_reach_both_ends(string text, long value)
    {
        AsciiNumber.TryParseInt64(text, out var read).Should().BeTrue();
        read.Should().Be(value);
    }

    [TestCase("-9223372036854775809")]
    [TestCase("9223372036854775808")]
    [TestCase("-")]
    [TestCase("--1")]
    public void Signed_64_bit_numbers_past_the_ends_are_refused(string text) => AsciiNumber.TryParseInt64(text, out _).Should().BeFalse();
}
