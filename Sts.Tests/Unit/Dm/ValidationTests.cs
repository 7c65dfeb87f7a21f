using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Messages;
using Sts.Dm.Status;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Tests.Unit.Dm;

public sealed class ValidationTests
{
    private static readonly DeviceReference Loop0 = new DeviceNumber(7, 0);

    [TestCase(64)]
    [TestCase(192 + 1)]
    [TestCase(4194304)]
    public void A_thin_pool_block_size_the_kernel_refuses_is_refused_first(long sectors) =>
        FluentActions.Invoking(() => new ThinPoolTarget(Loop0, Loop0, Sectors.FromCount(sectors), 0))
            .Should().Throw<DmValidationException>().Which.Parameter.Should().Be("data block size");

    [Test]
    public void A_thin_id_of_24_bits_or_more_is_refused() =>
        FluentActions.Invoking(() => new ThinDeviceId(1u << 24)).Should().Throw<DmValidationException>();

    [Test]
    public void A_zero_length_line_is_refused() =>
        FluentActions.Invoking(() => new DmTableLine(Sectors.FromCount(0), Sectors.FromCount(0), new ZeroTarget()))
            .Should().Throw<DmValidationException>();

    [Test]
    public void A_table_with_a_gap_is_a_parse_error_naming_the_text() =>
        FluentActions.Invoking(() => DmTable.Parse("0 8 zero \n16 8 zero \n"))
            .Should().Throw<DmParseException>().WithMessage("*contiguous*");

    [Test]
    public void A_wrong_feature_count_is_a_parse_error() =>
        FluentActions.Invoking(() => DmTarget.Parse("thin-pool", "7:0 7:1 128 0 2 read_only"))
            .Should().Throw<DmParseException>().Which.TargetType.Should().Be("thin-pool");

    [Test]
    public void A_status_that_does_not_parse_names_the_target_type_and_text() =>
        FluentActions.Invoking(() => DmStatus.Parse("thin-pool", "0 1/2 garbage"))
            .Should().Throw<DmParseException>().WithMessage("*thin-pool*0 1/2 garbage*");

    [Test]
    public void A_silent_target_with_status_text_is_an_error_not_ignored() =>
        FluentActions.Invoking(() => DmStatus.Parse("linear", "something")).Should().Throw<DmParseException>();

    [Test]
    public void A_striped_length_not_divisible_by_the_stripe_width_is_refused() =>
        FluentActions.Invoking(() => DmTable.OneLine(Sectors.FromCount(1000),
                new StripedTarget(Sectors.FromCount(128), [new DeviceLocation(Loop0, Sectors.FromCount(0)), new DeviceLocation(Loop0, Sectors.FromCount(0))])))
            .Should().Throw<DmValidationException>();

    [Test]
    public void Unknown_targets_are_kept_verbatim() =>
        DmTable.Parse("0 8 switch 2 128 0 7:0 0 7:1 0\n").Lines[0].Target.Should().Be(new GenericTarget("switch", "2 128 0 7:0 0 7:1 0"));

    [Test]
    public void Messages_render_as_the_kernel_takes_them()
    {
        ThinPoolMessages.CreateSnap(new ThinDeviceId(1), new ThinDeviceId(0)).Text.Should().Be("create_snap 1 0");
        ThinPoolMessages.SetTransactionId(0, 1).Text.Should().Be("set_transaction_id 0 1");
        ThinPoolMessages.ReserveMetadataSnap.Text.Should().Be("reserve_metadata_snap");
        CacheMessages.InvalidateCblocks((0, 1), (2, 6)).Text.Should().Be("invalidate_cblocks 0 2-6");
        CacheMessages.Set("migration_threshold", "4096").Text.Should().Be("migration_threshold 4096");
        EraMessages.Checkpoint.Text.Should().Be("checkpoint");
        DustMessages.AddBadBlock(60).Text.Should().Be("addbadblock 60");
        DustMessages.ListBadBlocks.Text.Should().Be("listbadblocks");
    }

    [Test]
    public void Vdo_formats_as_its_documentation_shows() =>
        DmTarget.Parse("vdo", "V4 /dev/dm-1 786432 512 65550 5000 hash 1 logical 3 physical 2").FormatArguments()
            .Should().Be("V4 /dev/dm-1 786432 512 65550 5000 hash 1 logical 3 physical 2");
}
