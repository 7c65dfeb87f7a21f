using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.NUnit;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Tests.Unit.Dm.Properties;

/// <summary>
/// Generated values the kernel would refuse are refused first: constructors throw
/// <see cref="DmValidationException"/>, and the same values in kernel text are a <see cref="DmParseException"/>.
/// </summary>
public sealed class ValidationProperties
{
    private static readonly DeviceReference Dev = DeviceReference.Parse("7:0");

    private static void Refused(Action act, string parameter) =>
        act.Should().Throw<DmValidationException>().Which.Parameter.Should().Be(parameter);

    [Property]
    public Property Thin_pool_block_sizes_outside_128_to_2097152_or_off_a_multiple_of_128_are_refused() =>
        Prop.ForAll(DmGen.InvalidThinPoolBlockSize.ToArbitrary(), DmGen.ThinPoolFeatureSet.ToArbitrary(), (blockSize, features) =>
        {
            Refused(() => _ = new ThinPoolTarget(Dev, Dev, blockSize, 0, features), "data block size");
            FluentActions.Invoking(() => DmTarget.Parse("thin-pool", $"7:0 7:1 {blockSize} 0 0"))
                .Should().Throw<DmParseException>().Which.TargetType.Should().Be("thin-pool");
        });

    [Property]
    public Property Thin_ids_of_24_bits_or_more_are_refused() =>
        Prop.ForAll(DmGen.InvalidThinId.ToArbitrary(), id =>
        {
            Refused(() => _ = new ThinDeviceId(id), "thin device id");
            FluentActions.Invoking(() => DmTarget.Parse("thin", $"254:7 {id}")).Should().Throw<DmParseException>();
        });

    [Property]
    public Property A_line_of_zero_sectors_is_refused_whatever_its_target() =>
        Prop.ForAll(DmGen.AnyTarget.ToArbitrary(), DmGen.AnySectors.ToArbitrary(), (target, start) =>
        {
            Refused(() => _ = new DmTableLine(start, Sectors.FromCount(0), target), "line length");
            FluentActions.Invoking(() => DmTableLine.Parse($"{start} 0 {target.TargetType} {target.FormatArguments()}"))
                .Should().Throw<DmParseException>();
        });

    [Property]
    public Property Cache_block_sizes_outside_64_to_2097152_or_off_a_multiple_of_64_are_refused() =>
        Prop.ForAll(DmGen.InvalidCacheBlockSize.ToArbitrary(), blockSize =>
            Refused(() => _ = new CacheTarget(Dev, Dev, Dev, blockSize, [], "smq", []), "block size"));

    [Property]
    public Property Snapshot_chunk_sizes_that_are_not_a_power_of_two_are_refused() =>
        Prop.ForAll(DmGen.NotPowerOfTwoSectors.ToArbitrary(), chunk =>
        {
            Refused(() => _ = new SnapshotTarget(Dev, Dev, SnapshotPersistence.Persistent, chunk), "chunk size");
            Refused(() => _ = new SnapshotMergeTarget(Dev, Dev, SnapshotPersistence.Transient, chunk), "chunk size");
        });

    [Property]
    public Property Flakey_intervals_whose_sum_overflows_32_bits_are_refused_as_the_kernel_does() =>
        Prop.ForAll(DmGen.OverflowingFlakeyIntervals.ToArbitrary(), intervals =>
        {
            Refused(() => _ = new FlakeyTarget(Dev, Sectors.FromCount(0), intervals.Up, intervals.Down), "interval");
            FluentActions.Invoking(() => DmTarget.Parse("flakey", $"7:0 0 {intervals.Up.TotalSeconds} {intervals.Down.TotalSeconds} 0 "))
                .Should().Throw<DmParseException>();
        });

    [Property]
    public Property Flakey_write_corruption_with_drop_or_error_writes_is_refused() =>
        Prop.ForAll(DmGen.Corruption(readsOnly: false).Where(c => c.Direction == FlakeyDirection.Write).ToArbitrary(),
            Gen.Elements(FlakeyWriteFault.DropWrites, FlakeyWriteFault.ErrorWrites).ToArbitrary(),
            (corruption, fault) => Refused(
                () => _ = new FlakeyTarget(Dev, Sectors.FromCount(0), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), fault, corruption),
                "corrupt_bio_byte"));

    [Property]
    public Property Striped_lines_that_are_not_whole_stripes_are_refused() =>
        Prop.ForAll(DmGen.Striped.ToArbitrary(), DmGen.PositiveSectors.ToArbitrary(), (striped, length) =>
        {
            var width = striped.Legs.Count * striped.ChunkSize.Count;
            return Prop.When(length.Count % width != 0, () => Refused(() => _ = new DmTableLine(Sectors.FromCount(0), length, striped), "length"));
        });

    [Property]
    public Property Dust_lines_shorter_than_one_dust_block_are_refused() =>
        Prop.ForAll(DmGen.Dust.Where(d => d.BlockSize.Bytes > Sectors.SectorSize).ToArbitrary(), dust =>
        {
            var length = Sectors.FromCount((dust.BlockSize.Bytes / Sectors.SectorSize) - 1);
            Refused(() => _ = new DmTableLine(Sectors.FromCount(0), length, dust), "block size");
        });

    [Property]
    public Property Dust_and_verity_block_sizes_that_are_not_a_power_of_two_from_512_bytes_to_1_GiB_are_refused() =>
        Prop.ForAll(DmGen.InvalidPowerOfTwoBlockSize.ToArbitrary(), size =>
        {
            Refused(() => _ = new DustTarget(Dev, Sectors.FromCount(0), size), "block size");
            Refused(() => _ = new VerityTarget(1, Dev, Dev, size, Size.FromBytes(4096), 1, 1, "sha256", "00", "-", []), "data block size");
            Refused(() => _ = new VerityTarget(1, Dev, Dev, Size.FromBytes(4096), size, 1, 1, "sha256", "00", "-", []), "hash block size");
        });

    [Property]
    public Property Text_with_whitespace_or_nothing_is_refused_where_a_table_needs_one_word() =>
        Prop.ForAll(DmGen.NotAWord.ToArbitrary(), word =>
        {
            Refused(() => _ = new CachePolicySetting(word, "1"), "policy key");
            Refused(() => _ = new CachePolicySetting("key", word), "policy value");
            Refused(() => _ = new RaidTarget(word, Sectors.FromCount(0), [], [new RaidDevice(null, Dev)]), "raid type");
            Refused(() => _ = new CryptTarget("aes-xts-plain64", CryptKey.None, 0, Dev, Sectors.FromCount(0), [word]), "optional arguments");
            Refused(() => _ = DeviceReference.FromPath("/dev/" + word + (word.Length == 0 ? " " : "")), "device");
        });

    [Property]
    public Property Target_type_names_longer_than_15_bytes_are_refused() =>
        Prop.ForAll(DmGen.OverlongTypeName.ToArbitrary(), name => Refused(() => _ = new GenericTarget(name, ""), "target type"));

    [Property]
    public Property Tables_with_a_gap_or_an_overlap_are_refused() =>
        Prop.ForAll(DmGen.Table.Where(t => t.Lines.Count >= 2).ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), Gen.Elements(-1, 1).ToArbitrary(),
            (table, shift, direction) =>
            {
                var lines = table.Lines.ToList();
                var last = lines[^1];
                var start = last.Start.Count + (direction * Math.Min(shift, direction < 0 ? last.Start.Count : shift));
                return Prop.When(start != last.Start.Count, () =>
                {
                    lines[^1] = new DmTableLine(Sectors.FromCount(start), last.Length, last.Target);
                    Refused(() => _ = new DmTable(lines), "table");
                    FluentActions.Invoking(() => DmTable.Parse(string.Concat(lines.Select(l => l.Format() + "\n"))))
                        .Should().Throw<DmParseException>().WithMessage("*contiguous*");
                });
            });
}
