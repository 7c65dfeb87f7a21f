using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.NUnit;
using Sts.Dm.Tables;

namespace Sts.Tests.Unit.Dm.Properties;

/// <summary>Whole tables: several contiguous lines of mixed target types survive format and parse.</summary>
public sealed class TableRoundTripProperties
{
    [Property]
    public Property Tables_of_contiguous_mixed_lines_round_trip_through_dmsetup_table_text() =>
        Prop.ForAll(DmGen.Table.ToArbitrary(), table =>
        {
            var text = table.Format();
            var parsed = DmTable.Parse(text);
            parsed.Should().Be(table, "'{0}' should parse back to the table it came from", text);
            parsed.Lines.Should().Equal(table.Lines);
            parsed.GetHashCode().Should().Be(table.GetHashCode());
            parsed.Format().Should().Be(text);
        });

    [Property]
    public Property A_table_is_as_long_as_its_lines_and_each_line_starts_where_the_last_ended() =>
        Prop.ForAll(DmGen.Table.ToArbitrary(), table =>
        {
            var parsed = DmTable.Parse(table.Format());
            parsed.Length.Count.Should().Be(parsed.Lines.Sum(l => l.Length.Count));
            parsed.Lines[0].Start.Count.Should().Be(0);
            parsed.Lines.Zip(parsed.Lines.Skip(1)).All(p => p.First.End == p.Second.Start).Should().BeTrue();
        });

    [Property]
    public Property One_line_parses_alone_to_the_line_it_came_from() =>
        Prop.ForAll(DmGen.Table.ToArbitrary(), table =>
        {
            foreach (var line in table.Lines)
            {
                DmTableLine.Parse(line.Format()).Should().Be(line);
            }
        });

}
