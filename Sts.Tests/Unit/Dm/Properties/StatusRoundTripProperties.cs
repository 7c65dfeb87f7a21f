using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.NUnit;
using Sts.Core.Units;
using Sts.Dm.Status;
using TestAttribute = NUnit.Framework.TestAttribute;

namespace Sts.Tests.Unit.Dm.Properties;

/// <summary>
/// For every status kind: a generated status formats to text that <see cref="DmStatus.Parse"/>
/// reads back to an equal record, and the parsed record formats to the very same text.
/// </summary>
public sealed class StatusRoundTripProperties
{
    private static Property RoundTrips<T>(Gen<T> statuses) where T : DmStatus => Prop.ForAll(statuses.ToArbitrary(), AssertRoundTrip);

    private static void AssertRoundTrip(DmStatus status)
    {
        var text = status.Format();
        var parsed = DmStatus.Parse(status.TargetType, text);
        parsed.Should().Be(status, "'{0} {1}' should parse back to the status it came from", status.TargetType, text);
        parsed.GetHashCode().Should().Be(status.GetHashCode(), "equal statuses hash alike");
        parsed.Format().Should().Be(text);
    }

    [Property]
    public Property Thin_pool_statuses_round_trip_through_their_text() => RoundTrips(DmGen.ThinPoolStatus);

    [Property]
    public Property Thin_statuses_with_and_without_a_highest_mapped_sector_round_trip_through_their_text() => RoundTrips(DmGen.ThinStatus);

    [Property]
    public Property Cache_statuses_round_trip_through_their_text() => RoundTrips(DmGen.CacheStatus);

    [Property]
    public Property Era_statuses_round_trip_through_their_text() => RoundTrips(DmGen.EraStatus);

    [Property]
    public Property Snapshot_and_snapshot_merge_statuses_in_every_state_round_trip_through_their_text() => RoundTrips(DmGen.SnapshotStatus);

    [Property]
    public Property Striped_statuses_round_trip_through_their_text() => RoundTrips(DmGen.StripedStatus);

    [Property]
    public Property Multipath_statuses_with_any_groups_and_paths_round_trip_through_their_text() => RoundTrips(DmGen.MultipathStatus);

    [Property]
    public Property Mirror_statuses_round_trip_through_their_text() => RoundTrips(DmGen.MirrorStatus);

    [Property]
    public Property Delay_statuses_round_trip_through_their_text() => RoundTrips(DmGen.DelayStatus);

    [Property]
    public Property Writecache_statuses_with_and_without_counters_round_trip_through_their_text() => RoundTrips(DmGen.WritecacheStatus);

    [Property]
    public Property Integrity_statuses_round_trip_through_their_text() => RoundTrips(DmGen.IntegrityStatus);

    [Property]
    public Property Raid_statuses_round_trip_through_their_text() => RoundTrips(DmGen.RaidStatus);

    [Property]
    public Property Log_writes_statuses_round_trip_through_their_text() => RoundTrips(DmGen.LogWritesStatus);

    [Property]
    public Property Verity_statuses_round_trip_through_their_text() => RoundTrips(DmGen.VerityStatus);

    [Property]
    public Property Dust_statuses_round_trip_through_their_text() => RoundTrips(DmGen.DustStatus);

    [Property]
    public Property Silent_targets_report_an_empty_status_that_round_trips() => RoundTrips(DmGen.EmptyStatus);

    [Property]
    public Property Failed_statuses_round_trip_through_their_text() => RoundTrips(DmGen.FailedStatus);

    [Property]
    public Property Statuses_without_a_typed_model_are_kept_verbatim() => RoundTrips(DmGen.GenericStatus);

    [Property]
    public Property Several_status_lines_round_trip_through_dmsetup_status_text() =>
        Prop.ForAll(DmGen.ListOf(DmGen.AnyStatus, 1, 6).ToArbitrary(), statuses =>
        {
            var start = Sectors.FromCount(0);
            var lines = new List<DmStatusLine>();
            foreach (var status in statuses)
            {
                lines.Add(new DmStatusLine(start, Sectors.FromCount(8), status));
                start += Sectors.FromCount(8);
            }

            var text = string.Concat(lines.Select(l => l.Format() + "\n"));
            var parsed = DmStatusLine.ParseAll(text);
            parsed.Should().Equal(lines);
            string.Concat(parsed.Select(l => l.Format() + "\n")).Should().Be(text);
        });

    [Test]
    public void The_generators_cover_every_status_record_the_model_has()
    {
        var modelled = typeof(DmStatus).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(DmStatus)) && !t.IsAbstract);
        var generated = DmGen.AnyStatus.Sample(3000).Select(s => s.GetType()).Distinct();
        generated.Should().BeEquivalentTo(modelled);
    }
}
