using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;

namespace Sts.Tests.Unit.Units;

public sealed class SizeTests
{
    // Expected byte counts worked out by hand from the unit definitions, not from the parser.
    [TestCase("512", 512L)]
    [TestCase("512B", 512L)]
    [TestCase("4k", 4096L)]
    [TestCase("4K", 4096L)]
    [TestCase("4KiB", 4096L)]
    [TestCase("4kB", 4000L)]
    [TestCase("512M", 536_870_912L)]
    [TestCase("512 MiB", 536_870_912L)]
    [TestCase("1GiB", 1_073_741_824L)]
    [TestCase("1.5G", 1_610_612_736L)]
    [TestCase("2GB", 2_000_000_000L)]
    [TestCase("2048s", 1_048_576L)]
    [TestCase("1T", 1_099_511_627_776L)]
    [TestCase(" 7E ", 8_070_450_532_247_928_832L)]
    public void Parses_what_storage_engineers_type(string text, long bytes) =>
        Size.Parse(text).Bytes.Should().Be(bytes);

    [TestCase("-1M", "negative")]
    [TestCase("8E", "too large")]
    [TestCase("99999999999999999999999999999T", "too large")]
    [TestCase("0.3K", "whole number of bytes")]
    [TestCase("12 parsecs", "unknown unit")]
    [TestCase("", "not a size")]
    [TestCase("M", "not a size")]
    [TestCase("1,5G", "not a size")]
    public void Refuses_what_is_not_a_valid_size_and_says_why(string text, string reason) =>
        FluentActions.Invoking(() => Size.Parse(text)).Should().Throw<InvalidSizeException>().WithMessage($"*{reason}*");

    [TestCase(536_870_912L, "512MiB")]
    [TestCase(1_572_864L, "1536KiB")]
    [TestCase(100L, "100B")]
    [TestCase(0L, "0B")]
    public void Formats_exactly_and_reads_back_the_same_value(long bytes, string text)
    {
        var size = Size.FromBytes(bytes);
        size.ToString().Should().Be(text);
        Size.Parse(size.ToString()).Should().Be(size);
    }

    [Test]
    public void Converts_to_sectors_only_when_aligned()
    {
        Size.FromMiB(1).ToSectors().Count.Should().Be(2048);
        FluentActions.Invoking(() => Size.FromBytes(1000).ToSectors())
            .Should().Throw<InvalidSizeException>().WithMessage("*not a whole number of 512-byte sectors*");
    }

    [Test]
    public void Arithmetic_is_checked()
    {
        (Size.FromMiB(1) + Size.FromKiB(512)).Bytes.Should().Be(1_572_864);
        FluentActions.Invoking(() => Size.FromMiB(1) - Size.FromMiB(2)).Should().Throw<InvalidSizeException>();
        FluentActions.Invoking(() => Size.FromBytes(long.MaxValue) + Size.FromBytes(1)).Should().Throw<OverflowException>();
        FluentActions.Invoking(() => Size.FromGiB(1) * long.MaxValue).Should().Throw<OverflowException>();
        FluentActions.Invoking(() => Size.FromBytes(-1)).Should().Throw<InvalidSizeException>();
        FluentActions.Invoking(() => Sectors.FromCount(long.MaxValue)).Should().Throw<InvalidSizeException>();
    }

    [Test]
    public void Alignment_check_names_what_was_misaligned()
    {
        FluentActions.Invoking(() => Size.FromKiB(96).EnsureAlignedTo(Size.FromKiB(64), "data block size"))
            .Should().Throw<InvalidSizeException>().WithMessage("The data block size 96KiB is not a multiple of 64KiB.");
        Size.FromKiB(128).EnsureAlignedTo(Size.FromKiB(64), "data block size").Should().Be(Size.FromKiB(128));
    }

    [Test]
    public void Sectors_parse_the_kernels_decimal_counts_and_nothing_else()
    {
        Sectors.Parse("2097152").ToSize().Should().Be(Size.FromGiB(1));
        FluentActions.Invoking(() => Sectors.Parse("-8")).Should().Throw<InvalidSizeException>();
        FluentActions.Invoking(() => Sectors.Parse("8k")).Should().Throw<InvalidSizeException>();
    }
}
