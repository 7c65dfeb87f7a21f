using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Stats;

namespace Sts.Tests.Unit.DmStats;

/// <summary>Malformed kernel text is a <see cref="DmParseException"/> naming it; input the kernel would refuse never reaches it.</summary>
public sealed class MalformedAndValidationTests
{
    [TestCase("0+8192 36 2 1088 12 4 3 512 8 0 20 20 12")]
    [TestCase("0+8192 36 2 1088 12 4 3 512 8 0 20 20 12 8 9:x")]
    [TestCase("0+8192 36 2 1088 12 4 3 512 8 0 20 20 12 8 5")]
    [TestCase("0+8192 36 2 1088 12 4 3 512 8 0 20 20 12 8 1:2 extra")]
    [TestCase("0 36 2 1088 12 4 3 512 8 0 20 20 12 8")]
    [TestCase("+8192 36 2 1088 12 4 3 512 8 0 20 20 12 8")]
    [TestCase("0+8192 -36 2 1088 12 4 3 512 8 0 20 20 12 8")]
    [TestCase("0+8192 36 2 99999999999999999999 12 4 3 512 8 0 20 20 12 8")]
    [TestCase("")]
    public void A_malformed_print_line_is_a_parse_error_that_quotes_it(string line) =>
        FluentActions.Invoking(() => DmStatsArea.Parse(line)).Should().Throw<DmParseException>().Which.Text.Should().Be(line);

    [Test]
    public void Print_lines_that_disagree_on_the_histogram_are_a_parse_error()
    {
        var text = "0+8 1 0 8 0 0 0 0 0 0 0 0 0 0 1:0\n8+8 1 0 8 0 0 0 0 0 0 0 0 0 0";
        FluentActions.Invoking(() => DmStatsArea.ParseAll(text)).Should().Throw<DmParseException>().Which.Text.Should().Be(text);
    }

    [TestCase("0 0+32768 8192 - -")]
    [TestCase("x: 0+32768 8192 - -")]
    [TestCase("-1: 0+32768 8192 - -")]
    [TestCase("0: 0+32768 8192 -")]
    [TestCase("0: 0+32768 8192 - precise_timestamps")]
    [TestCase("0: 0-32768 8192 - -")]
    [TestCase("0: 0+32768 0 - -")]
    [TestCase("0: 0+32768 8192 - - histogram:5,2")]
    [TestCase("0: 0+32768 8192 - - histogram:")]
    [TestCase("0:")]
    public void A_malformed_list_line_is_a_parse_error_that_quotes_it(string line) =>
        FluentActions.Invoking(() => DmStatsRegion.Parse(line)).Should().Throw<DmParseException>().Which.Text.Should().Be(line);

    [TestCase("")]
    [TestCase("x")]
    [TestCase("-1")]
    [TestCase("2147483648")]
    public void A_create_answer_that_is_no_region_id_is_a_parse_error(string answer) =>
        FluentActions.Invoking(() => DmStatsRegionId.Parse(answer)).Should().Throw<DmParseException>();

    [Test]
    public void The_arguments_the_kernel_refused_in_the_capture_are_refused_before_sending()
    {
        // bad-histogram-order.err, bad-zero-areas.err, bad-range.err: EINVAL from the kernel.
        FluentActions.Invoking(() => DmStatsRegionSpec.WholeDevice(DmStatsStep.OneArea) with { HistogramBoundaries = [5UL, 2UL] })
            .Should().Throw<DmValidationException>().Which.Parameter.Should().Be("histogram");
        FluentActions.Invoking(() => DmStatsStep.Count(0)).Should().Throw<DmValidationException>();
        FluentActions.Invoking(() => DmStatsRegionSpec.Range(Sectors.FromCount(40000), Sectors.FromCount(0), DmStatsStep.OneArea))
            .Should().Throw<DmValidationException>();
        FluentActions.Invoking(() => DmStatsStep.Size(Sectors.FromCount(0))).Should().Throw<DmValidationException>();
        FluentActions.Invoking(() => DmStatsStep.Count(1L + uint.MaxValue)).Should().Throw<DmValidationException>();
        FluentActions.Invoking(() => DmStatsRegionSpec.WholeDevice(DmStatsStep.OneArea) with { HistogramBoundaries = [0UL, 2UL] })
            .Should().Throw<DmValidationException>();
        FluentActions.Invoking(() => DmStatsRegionSpec.WholeDevice(DmStatsStep.OneArea) with { HistogramBoundaries = [] })
            .Should().Throw<DmValidationException>();
        FluentActions.Invoking(() => DmStatsRegionId.FromValue(-1)).Should().Throw<DmValidationException>();
    }

    [TestCase("")]
    [TestCase("-")]
    [TestCase("a b")]
    [TestCase("tab\there")]
    [TestCase("line\nbreak")]
    [TestCase(@"back\slash")]
    [TestCase("precise_timestamps")]
    [TestCase("HISTOGRAM:1,2")]
    public void Program_ids_and_aux_data_that_would_not_list_back_are_refused(string word)
    {
        var spec = DmStatsRegionSpec.WholeDevice(DmStatsStep.OneArea);
        FluentActions.Invoking(() => spec with { ProgramId = word }).Should().Throw<DmValidationException>().Which.Parameter.Should().Be("program id");
        FluentActions.Invoking(() => spec with { AuxData = word }).Should().Throw<DmValidationException>().Which.Parameter.Should().Be("aux data");
        FluentActions.Invoking(() => DmStatsMessages.SetAux(DmStatsRegionId.FromValue(0), word)).Should().Throw<DmValidationException>();
        FluentActions.Invoking(() => DmStatsMessages.List(word)).Should().Throw<DmValidationException>();
    }

    [Test]
    public void Negative_print_lines_are_refused() =>
        FluentActions.Invoking(() => DmStatsMessages.Print(DmStatsRegionId.FromValue(0), -1, 2)).Should().Throw<DmValidationException>();
}
