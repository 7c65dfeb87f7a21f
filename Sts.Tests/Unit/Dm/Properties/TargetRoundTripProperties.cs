using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.NUnit;
using TestAttribute = NUnit.Framework.TestAttribute;
using Sts.Dm.Targets;

namespace Sts.Tests.Unit.Dm.Properties;

/// <summary>
/// For every target type: a generated valid target formats to text that parses back to an equal
/// target (records compare their lists by content through ValueList), and the parsed target formats
/// to the very same text.
/// </summary>
public sealed class TargetRoundTripProperties
{
    private static Property RoundTrips<T>(Gen<T> targets) where T : DmTarget => Prop.ForAll(targets.ToArbitrary(), AssertRoundTrip);

    private static void AssertRoundTrip(DmTarget target)
    {
        var text = target.FormatArguments();
        var parsed = DmTarget.Parse(target.TargetType, text);
        parsed.Should().Be(target, "'{0} {1}' should parse back to the target it came from", target.TargetType, text);
        parsed.GetHashCode().Should().Be(target.GetHashCode(), "equal targets hash alike");
        parsed.FormatArguments().Should().Be(text);
    }

    [Property]
    public Property Linear_targets_round_trip_through_their_text() => RoundTrips(DmGen.Linear);

    [Property]
    public Property Striped_targets_round_trip_through_their_text() => RoundTrips(DmGen.Striped);

    [Property]
    public Property Zero_and_error_targets_round_trip_through_their_text() =>
        RoundTrips(Gen.OneOf(DmGen.Zero.Select(t => (DmTarget)t), DmGen.Error.Select(t => (DmTarget)t)));

    [Property]
    public Property Delay_targets_with_one_two_or_three_paths_round_trip_through_their_text() => RoundTrips(DmGen.Delay);

    [Property]
    public Property Flakey_targets_with_every_accepted_feature_combination_round_trip_through_their_text() => RoundTrips(DmGen.Flakey);

    [Property]
    public Property Dust_targets_round_trip_through_their_text() => RoundTrips(DmGen.Dust);

    [Property]
    public Property Snapshot_targets_round_trip_through_their_text() => RoundTrips(DmGen.Snapshot);

    [Property]
    public Property Snapshot_merge_targets_round_trip_through_their_text() => RoundTrips(DmGen.SnapshotMerge);

    [Property]
    public Property Snapshot_origin_targets_round_trip_through_their_text() => RoundTrips(DmGen.SnapshotOrigin);

    [Property]
    public Property Thin_pool_targets_with_any_block_size_and_features_round_trip_through_their_text() => RoundTrips(DmGen.ThinPool);

    [Property]
    public Property Thin_targets_round_trip_through_their_text() => RoundTrips(DmGen.Thin);

    [Property]
    public Property Cache_targets_keep_their_feature_and_policy_order_through_their_text() => RoundTrips(DmGen.Cache);

    [Property]
    public Property Era_targets_round_trip_through_their_text() => RoundTrips(DmGen.Era);

    [Property]
    public Property Writecache_targets_round_trip_through_their_text() => RoundTrips(DmGen.Writecache);

    [Property]
    public Property Integrity_targets_round_trip_through_their_text() => RoundTrips(DmGen.Integrity);

    [Property]
    public Property Crypt_targets_with_every_key_form_round_trip_through_their_text() => RoundTrips(DmGen.Crypt);

    [Property]
    public Property Verity_targets_round_trip_through_their_text() => RoundTrips(DmGen.Verity);

    [Property]
    public Property Raid_targets_round_trip_through_their_text() => RoundTrips(DmGen.Raid);

    [Property]
    public Property Mirror_targets_round_trip_through_their_text() => RoundTrips(DmGen.Mirror);

    [Property]
    public Property Multipath_targets_round_trip_through_their_text() => RoundTrips(DmGen.Multipath);

    [Property]
    public Property Log_writes_targets_round_trip_through_their_text() => RoundTrips(DmGen.LogWrites);

    [Property]
    public Property Vdo_targets_round_trip_through_their_text() => RoundTrips(DmGen.Vdo);

    [Property]
    public Property Targets_without_a_typed_model_are_kept_verbatim() => RoundTrips(DmGen.Generic);

    [Test]
    public void The_generators_cover_every_target_record_the_model_has()
    {
        var modelled = typeof(DmTarget).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(DmTarget)) && !t.IsAbstract);
        var generated = DmGen.AnyTarget.Sample(3000).Select(t => t.GetType()).Distinct();
        generated.Should().BeEquivalentTo(modelled);
    }
}
