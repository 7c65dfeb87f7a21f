using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.NUnit;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Stats;

namespace Sts.Tests.Unit.DmStats;

/// <summary>Generated regions and areas format to text that parses back to an equal record and the same text.</summary>
public sealed class RoundTripProperties
{
    private static readonly Gen<ulong> Counter =
        from hi in Gen.Choose(0, int.MaxValue)
        from lo in Gen.Choose(0, int.MaxValue)
        from small in Gen.Choose(0, 3)
        select small == 0 ? (ulong)lo : ((ulong)(uint)hi << 31) | (uint)lo;

    private static readonly Gen<Sectors> AnySectors = Gen.Choose(0, int.MaxValue).Select(n => Sectors.FromCount(n));

    private static readonly Gen<Sectors> PositiveSectors = Gen.Choose(1, int.MaxValue).Select(n => Sectors.FromCount(n));

    private static readonly Gen<ValueList<ulong>?> Boundaries =
        Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(Gen.Choose(1, 100_000), n)).Select(steps =>
        {
            if (steps.Count == 0)
            {
                return (ValueList<ulong>?)null;
            }

            ulong total = 0;
            return new ValueList<ulong>(steps.Select(s => total += (ulong)s).ToList());
        });

    private static readonly Gen<string?> Word =
        Gen.Elements<string?>(null, "stsprog", "12345", "a:b", "x-y", "dmstats", "DMS_GROUP=1#", "soufflé");

    private static readonly Gen<DmStatsRegion> Regions =
        from id in Gen.Choose(0, int.MaxValue)
        from start in AnySectors
        from length in PositiveSectors
        from step in PositiveSectors
        from program in Word
        from aux in Word
        from precise in Gen.Elements(true, false)
        from histogram in Boundaries
        select new DmStatsRegion(DmStatsRegionId.FromValue(id), start, length, step, program, aux, precise, histogram);

    private static readonly Gen<DmStatsCounters> Counters =
        from c in Gen.ArrayOf(Counter, 11)
        from read in AnySectors
        from written in AnySectors
        from inFlight in Gen.Choose(0, 1000)
        select new DmStatsCounters(c[0], c[1], read, c[2], c[3], c[4], written, c[5], inFlight, c[6], c[7], c[8], c[9]);

    private static readonly Gen<DmStatsArea> Areas =
        from start in AnySectors
        from length in PositiveSectors
        from counters in Counters
        from buckets in Gen.Choose(0, 6)
        from histogram in Gen.ArrayOf(Counter, buckets)
        select new DmStatsArea(start, length, counters, buckets < 2 ? null : new ValueList<ulong>(histogram));

    [Property]
    public Property Regions_round_trip_through_their_list_line() =>
        Prop.ForAll(Regions.ToArbitrary(), region =>
        {
            var line = region.Format();
            var parsed = DmStatsRegion.Parse(line);
            parsed.Should().Be(region, "'{0}' should parse back to the region it came from", line);
            parsed.Format().Should().Be(line);
        });

    [Property]
    public Property Areas_round_trip_through_their_print_line() =>
        Prop.ForAll(Areas.ToArbitrary(), area =>
        {
            var line = area.Format();
            var parsed = DmStatsArea.Parse(line);
            parsed.Should().Be(area, "'{0}' should parse back to the area it came from", line);
            parsed.Format().Should().Be(line);
        });

    [Property]
    public Property Specs_with_a_program_id_always_carry_the_option_count_so_a_numeric_id_stays_an_id() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), number =>
        {
            var text = DmStatsRegionSpec.WholeDevice(DmStatsStep.OneArea) with { ProgramId = number.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            text.FormatArguments().Should().Be($"- /1 0 {number}");
        });
}
