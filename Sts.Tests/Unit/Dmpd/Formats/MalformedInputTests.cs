using FluentAssertions;
using NUnit.Framework;
using Sts.Dmpd;
using Sts.Dmpd.Formats.Cache;
using Sts.Dmpd.Formats.Era;
using Sts.Dmpd.Formats.Reports;
using Sts.Dmpd.Formats.Thin;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>
/// Malformed input throws <see cref="DmpdParseException"/> with the 1-based line and column of the
/// offending element or attribute name (counted by hand from the strings below).
/// </summary>
public sealed class MalformedInputTests
{
    private const string Head =
        "<superblock uuid=\"\" time=\"1\" transaction=\"3\" flags=\"0\" version=\"2\" data_block_size=\"128\" nr_data_blocks=\"1024\">\n" +
        "  <device dev_id=\"1\" mapped_blocks=\"20\" transaction=\"0\" creation_time=\"0\" snap_time=\"1\">\n";

    private const string Tail = "  </device>\n</superblock>\n";

    private static DmpdParseException ThinError(string xml) =>
        FluentActions.Invoking(() => ThinMetadata.Parse(xml)).Should().Throw<DmpdParseException>().Which;

    // Line 3 starts with four spaces, so an element's name is at column 6.
    [TestCase("    <range_mapping origin_begin=\"0\" data_begin=\"0\" time=\"0\"/>\n", 3, 6, "lacks the attribute 'length'", null)]
    [TestCase("    <range_mapping origin_begin=\"0\" data_begin=\"0\" length=\"1x\" time=\"0\"/>\n", 3, 52, "'length' is not an unsigned 64-bit number", "1x")]
    [TestCase("    <single_mapping origin_block=\"-1\" data_block=\"0\" time=\"0\"/>\n", 3, 21, "'origin_block' is not an unsigned", "-1")]
    [TestCase("    <single_mapping origin_block=\"1\" data_block=\"0\" time=\"4294967296\"/>\n", 3, 53, "'time' is not an unsigned 32-bit number", "4294967296")]
    [TestCase("    <mapping origin_block=\"1\" data_block=\"0\" time=\"0\"/>\n", 3, 6, "unexpected element", "<mapping>")]
    [TestCase("    <single_mapping origin_block=\"1\" data_block=\"0\" time=\"0\" colour=\"red\"/>\n", 3, 62, "unknown attribute on <single_mapping>", "colour")]
    [TestCase("    <single_mapping origin_block=\"1\" data_block=\"0\" time=\"0\">oops</single_mapping>\n", 3, 62, "unexpected text content", "oops")]
    public void A_bad_mapping_is_reported_at_its_line_and_column(string mappingLine, int line, int column, string problem, string? text)
    {
        var error = ThinError(Head + mappingLine + Tail);

        (error.Line, error.Column).Should().Be((line, column));
        error.Problem.Should().Contain(problem);
        error.OffendingText.Should().Be(text);
        error.Message.Should().StartWith($"thin_dump XML, line {line}, column {column}: ");
    }

    [Test]
    public void Text_inside_a_device_is_rejected_where_it_starts()
    {
        var error = ThinError(Head + "    hello\n" + Tail);

        error.Line.Should().Be(2, "the text node starts right after the device's start tag, at the end of line 2");
        error.Problem.Should().Contain("unexpected text content");
    }

    [Test]
    public void A_truncated_document_throws_instead_of_returning_the_devices_read_so_far()
    {
        var error = ThinError(Head + "    <single_mapping origin_block=\"1\" data_block=\"0\" time=\"0\"/>\n");

        error.Problem.Should().StartWith("malformed XML");
        error.Line.Should().Be(4, "the document ends on line 4");
        error.InnerException.Should().BeOfType<System.Xml.XmlException>();
    }

    [Test]
    public void A_second_root_element_is_malformed()
    {
        var error = ThinError(Head + Tail + "<superblock/>\n");

        error.Problem.Should().StartWith("malformed XML");
        error.Line.Should().Be(5);
    }

    [Test]
    public void A_superblock_without_nr_data_blocks_is_reported_on_line_1()
    {
        var error = ThinError("<superblock uuid=\"\" time=\"1\" transaction=\"3\" data_block_size=\"128\">\n</superblock>\n");

        (error.Line, error.Column).Should().Be((1, 2));
        error.Problem.Should().Be("<superblock> lacks the attribute 'nr_data_blocks'");
    }

    [Test]
    public void An_empty_input_is_an_error_not_an_empty_model()
    {
        ThinError("").Problem.Should().StartWith("malformed XML");
    }

    [Test]
    public void Streaming_stops_with_the_error_at_the_bad_mapping()
    {
        var xml = Head + "    <single_mapping origin_block=\"1\" data_block=\"0\" time=\"0\"/>\n    <single_mapping origin_block=\"x\" data_block=\"0\" time=\"0\"/>\n" + Tail;
        using var reader = ThinDumpReader.Open(new StringReader(xml));
        reader.TryReadDevice(out _).Should().BeTrue();
        reader.TryReadMapping(out var first).Should().BeTrue();
        first.OriginBegin.Should().Be(1);

        var error = FluentActions.Invoking(() => reader.TryReadMapping(out _)).Should().Throw<DmpdParseException>().Which;
        (error.Line, error.Column).Should().Be((4, 21));
    }

    [Test]
    public void A_cache_mapping_with_a_dirty_flag_other_than_true_or_false_is_rejected()
    {
        const string Xml = "<superblock uuid=\"\" block_size=\"128\" nr_cache_blocks=\"16\" policy=\"smq\" hint_width=\"4\">\n" +
                           "  <mappings>\n    <mapping cache_block=\"0\" origin_block=\"5\" dirty=\"1\"/>\n  </mappings>\n</superblock>\n";

        var error = FluentActions.Invoking(() => CacheMetadata.Parse(Xml)).Should().Throw<DmpdParseException>().Which;
        (error.Line, error.Column, error.OffendingText).Should().Be((3, 47, "1"));
        error.Document.Should().Be("cache_dump XML");
    }

    [Test]
    public void A_cache_hint_that_is_not_base64_is_rejected()
    {
        const string Xml = "<superblock uuid=\"\" block_size=\"128\" nr_cache_blocks=\"16\" policy=\"smq\" hint_width=\"4\">\n" +
                           "  <hints>\n    <hint cache_block=\"0\" data=\"not base64!\"/>\n  </hints>\n</superblock>\n";

        var error = FluentActions.Invoking(() => CacheMetadata.Parse(Xml)).Should().Throw<DmpdParseException>().Which;
        error.Line.Should().Be(3);
        error.Problem.Should().Contain("base64");
    }

    [Test]
    public void Cache_sections_out_of_cache_dump_order_are_rejected()
    {
        const string Xml = "<superblock uuid=\"\" block_size=\"128\" nr_cache_blocks=\"16\" policy=\"smq\" hint_width=\"4\">\n" +
                           "  <hints>\n  </hints>\n  <mappings>\n  </mappings>\n</superblock>\n";

        var error = FluentActions.Invoking(() => CacheMetadata.Parse(Xml)).Should().Throw<DmpdParseException>().Which;
        (error.Line, error.Column, error.OffendingText).Should().Be((4, 4, "<mappings>"));
    }

    [Test]
    public void An_era_bit_written_as_a_number_is_rejected()
    {
        const string Xml = "<superblock uuid=\"\" block_size=\"128\" nr_blocks=\"8\" current_era=\"3\">\n" +
                           "  <writeset era=\"1\" nr_bits=\"8\">\n    <bit block=\"0\" value=\"1\"/>\n  </writeset>\n</superblock>\n";

        var error = FluentActions.Invoking(() => EraMetadata.Parse(Xml)).Should().Throw<DmpdParseException>().Which;
        (error.Line, error.Column).Should().Be((3, 20));
        error.Problem.Should().Be("attribute 'value' must be true or false");
    }

    [Test]
    public void A_thin_ls_row_with_a_missing_column_names_its_line()
    {
        var error = FluentActions.Invoking(() => ThinLsReport.Parse("DEV  MAPPED CREATE_TIME SNAP_TIME \n  1 1536KiB           0         1 \n  2 1280KiB           1 \n"))
            .Should().Throw<DmpdParseException>().Which;

        error.Line.Should().Be(3);
        error.Problem.Should().Contain("3 columns").And.Contain("header 4");
    }

    [Test]
    public void A_thin_ls_size_with_an_unknown_unit_names_its_column()
    {
        var error = FluentActions.Invoking(() => ThinLsReport.Parse("DEV  MAPPED\n  1 1536KB\n"))
            .Should().Throw<DmpdParseException>().Which;

        (error.Line, error.Column, error.OffendingText).Should().Be((2, 5, "1536KB"));
    }

    [Test]
    public void A_thin_ls_error_after_a_blank_line_names_the_real_line()
    {
        var error = FluentActions.Invoking(() => ThinLsReport.Parse("DEV  MAPPED\n\n  1 1536KB\n"))
            .Should().Throw<DmpdParseException>().Which;

        error.Line.Should().Be(3);
    }

    [Test]
    public void A_thin_rmap_line_of_another_shape_names_the_column_where_it_goes_wrong()
    {
        var error = FluentActions.Invoking(() => ThinRmapReport.Parse("data 0..16 -> thin(1) 0..16\ndata 0..16 -> dev(2) 0..16\n"))
            .Should().Throw<DmpdParseException>().Which;

        (error.Line, error.Column).Should().Be((2, 11));
        error.Problem.Should().Be("expected ' -> thin('");
    }

    [Test]
    public void A_metadata_size_in_an_unknown_unit_is_rejected()
    {
        var error = FluentActions.Invoking(() => MetadataSizeReport.Parse("9048 furlongs\n")).Should().Throw<DmpdParseException>().Which;

        (error.Line, error.Column, error.OffendingText).Should().Be((1, 6, "furlongs"));
    }

    [Test]
    public void An_era_invalidate_range_that_ends_before_it_begins_is_rejected()
    {
        var error = FluentActions.Invoking(() => EraInvalidateReport.Parse("<blocks>\n  <range begin=\"9\" end = \"3\"/>\n</blocks>\n"))
            .Should().Throw<DmpdParseException>().Which;

        error.Line.Should().Be(2);
        error.Problem.Should().Be("the range ends before it begins");
    }
}
