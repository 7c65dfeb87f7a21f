using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Tests.Unit.Dm;

/// <summary>Tables captured from Debian's 6.1 kernel by TestData/dm/capture.sh (see TestData/dm/README.md).</summary>
public sealed class CapturedTableTests
{
    private static IEnumerable<string> TableFiles() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "dm"), "*.table*")
            .Where(f => new FileInfo(f).Length > 0).Select(Path.GetFileName)!;

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "dm", name));

    private static DeviceReference Dev(string name) =>
        DeviceNumber.Parse(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "dm", "devices.txt"))
            .Select(l => l.Split(' ')).Last(p => p[0] == name)[2]);

    [TestCaseSource(nameof(TableFiles))]
    public void Every_captured_table_parses_and_formats_back_byte_for_byte(string file)
    {
        var text = Read(file);
        DmTable.Parse(text).Format().Should().Be(text);
    }

    [Test]
    public void No_captured_table_falls_back_to_a_generic_target()
    {
        foreach (var file in TableFiles())
        {
            DmTable.Parse(Read(file)).Lines.Should().NotContain(l => l.Target is GenericTarget, file);
        }
    }

    [Test]
    public void A_concatenation_of_two_linear_lines_knows_its_total_length()
    {
        var table = DmTable.Parse(Read("linear-concat.table"));
        table.Length.Should().Be(Sectors.FromCount(65536));
        table.Lines.Select(l => l.Target).Should().Equal(
            new LinearTarget(Dev("L1"), Sectors.FromCount(0)), new LinearTarget(Dev("L2"), Sectors.FromCount(0)));
    }

    [Test]
    public void A_four_leg_stripe_has_its_chunk_size_and_legs_in_order()
    {
        var striped = (StripedTarget)DmTable.Parse(Read("striped4.table")).Lines[0].Target;
        striped.ChunkSize.Should().Be(Sectors.FromCount(256));
        striped.Legs.Select(l => l.Device).Should().Equal(Dev("S1"), Dev("S2"), Dev("S3"), Dev("S4"));
    }

    [Test]
    public void A_thin_pool_keeps_its_block_size_low_water_mark_and_devices()
    {
        var pool = (ThinPoolTarget)DmTable.Parse(Read("thin-pool.table")).Lines[0].Target;
        pool.Should().Be(new ThinPoolTarget(Dev("TM1"), Dev("TD1"), Sectors.FromCount(128), 32));
    }

    [Test]
    public void Thin_pool_features_come_back_as_flags()
    {
        ((ThinPoolTarget)DmTable.Parse(Read("thin-pool-features.table")).Lines[0].Target).Features
            .Should().Be(ThinPoolFeatures.SkipBlockZeroing | ThinPoolFeatures.IgnoreDiscard | ThinPoolFeatures.ErrorIfNoSpace);
        ((ThinPoolTarget)DmTable.Parse(Read("thin-pool-read-only.table")).Lines[0].Target).Features.Should().Be(ThinPoolFeatures.ReadOnly);
        ((ThinPoolTarget)DmTable.Parse(Read("thin-pool-no-discard-passdown.table")).Lines[0].Target).DataBlockSize.Should().Be(Sectors.FromCount(1024));
    }

    [Test]
    public void A_thin_device_names_its_pool_id_and_external_origin()
    {
        var thin = (ThinTarget)DmTable.Parse(Read("thin-external-origin.table")).Lines[0].Target;
        thin.Should().Be(new ThinTarget(Dev("pool5"), new ThinDeviceId(7), Dev("TX1")));
        ((ThinTarget)DmTable.Parse(Read("thin-snap.table")).Lines[0].Target).DeviceId.Should().Be(new ThinDeviceId(1));
    }

    [Test]
    public void A_writeback_cache_keeps_features_and_policy_settings_in_order()
    {
        var cache = (CacheTarget)DmTable.Parse(Read("cache-writeback.table")).Lines[0].Target;
        cache.BlockSize.Should().Be(Sectors.FromCount(256));
        cache.Features.Should().Equal(CacheFeature.Metadata2, CacheFeature.Writeback);
        cache.Mode.Should().Be(CacheFeature.Writeback);
        cache.Policy.Should().Be("smq");
        cache.PolicySettings.Should().Equal(new CachePolicySetting("migration_threshold", "8192"));
        ((CacheTarget)DmTable.Parse(Read("cache-cleaner.table")).Lines[0].Target).Policy.Should().Be("cleaner");
    }

    [Test]
    public void Snapshots_keep_persistence_and_chunk_size()
    {
        DmTable.Parse(Read("snapshot-persistent.table")).Lines[0].Target
            .Should().Be(new SnapshotTarget(Dev("SO"), Dev("SC"), SnapshotPersistence.Persistent, Sectors.FromCount(8)));
        ((SnapshotTarget)DmTable.Parse(Read("snapshot-transient.table")).Lines[0].Target).Persistence.Should().Be(SnapshotPersistence.Transient);
        ((SnapshotTarget)DmTable.Parse(Read("snapshot-overflow.table")).Lines[0].Target).Persistence.Should().Be(SnapshotPersistence.PersistentOverflow);
        DmTable.Parse(Read("snapshot-merge.table")).Lines[0].Target.Should().BeOfType<SnapshotMergeTarget>();
    }

    [Test]
    public void Flakey_features_are_typed()
    {
        ((FlakeyTarget)DmTable.Parse(Read("flakey-drop-writes.table")).Lines[0].Target).WriteFault.Should().Be(FlakeyWriteFault.DropWrites);
        var corrupt = (FlakeyTarget)DmTable.Parse(Read("flakey-corrupt.table")).Lines[0].Target;
        corrupt.Corruption.Should().Be(new FlakeyCorruption(32, FlakeyDirection.Read, 1, 0));
        corrupt.UpInterval.Should().Be(TimeSpan.Zero);
        corrupt.DownInterval.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Test]
    public void Delay_keeps_its_three_paths()
    {
        var delay = (DelayTarget)DmTable.Parse(Read("delay-flush.table")).Lines[0].Target;
        delay.Read.Delay.Should().Be(TimeSpan.FromMilliseconds(10));
        delay.Write!.Offset.Should().Be(Sectors.FromCount(16384));
        delay.Flush!.Device.Should().Be(Dev("D2"));
    }

    [Test]
    public void Crypt_hides_the_key_unless_shown_and_never_prints_it_in_to_string()
    {
        var hidden = (CryptTarget)DmTable.Parse(Read("crypt.table")).Lines[0].Target;
        var shown = (CryptTarget)DmTable.Parse(Read("crypt.table-showkeys")).Lines[0].Target;
        hidden.Key.Text.Should().Be(new string('0', 64));
        shown.Key.Should().Be(CryptKey.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        shown.ToString().Should().NotContain("0102030405");
    }
}
