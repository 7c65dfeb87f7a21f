using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Status;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Tests.Unit.Dm.Properties;

/// <summary>
/// Generators of valid (and, for the negative properties, invalid) device-mapper values. Every
/// valid generator stays inside the rules the model's constructors enforce, which mirror what the
/// kernel accepts: thin-pool blocks a multiple of 128 sectors in 128..2097152, thin ids below 2^24,
/// flakey features the kernel combines, words without whitespace, non-negative sector counts.
/// </summary>
internal static class DmGen
{
    /// <summary>The type names with a typed target model; a generic target must not use one.</summary>
    public static readonly string[] TypedTargetNames =
    [
        "linear", "striped", "zero", "error", "delay", "flakey", "dust", "snapshot", "snapshot-origin", "snapshot-merge",
        "thin-pool", "thin", "cache", "era", "writecache", "integrity", "crypt", "verity", "raid", "mirror", "multipath",
        "log-writes", "vdo",
    ];

    /// <summary>Target types whose status is empty.</summary>
    public static readonly string[] SilentStatusTypes = ["linear", "zero", "error", "flakey", "crypt", "snapshot-origin"];

    /// <summary>Target types whose status may be a lone "Fail" or "Error".</summary>
    public static readonly string[] FailingStatusTypes = ["thin-pool", "thin", "cache", "era"];

    /// <summary>Target types with a typed status model (or a fixed empty/failed one); a generic status must not use one.</summary>
    public static readonly string[] TypedStatusNames =
    [
        "thin-pool", "thin", "cache", "era", "snapshot", "snapshot-merge", "striped", "delay", "writecache", "integrity", "raid",
        "log-writes", "verity", "dust", "linear", "zero", "error", "flakey", "crypt", "snapshot-origin", "multipath", "mirror",
    ];

    private const string WordChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:/=+,@%#!?*()[]{}<>'\"\\|~^$&;`éß中";

    private const string HexChars = "0123456789abcdefABCDEF";

    private static readonly Gen<ulong> Bits64 =
        from hi in Gen.Choose(0, int.MaxValue)
        from mid in Gen.Choose(0, int.MaxValue)
        from lo in Gen.Choose(0, 3)
        select ((ulong)(uint)hi << 33) | ((ulong)(uint)mid << 2) | (uint)lo;

    // ---------------------------------------------------------------- numbers

    /// <summary>A ulong in [min, max]: mostly small, sometimes anywhere, sometimes an edge.</summary>
    public static Gen<ulong> ULong(ulong min = 0, ulong max = ulong.MaxValue)
    {
        var span = max - min;
        var anywhere = Bits64.Select(r => span == ulong.MaxValue ? r : min + (r % (span + 1)));
        var small = Gen.Choose(0, 1000).Select(v => min + Math.Min((ulong)v, span));
        var edges = Gen.Elements(min, max, min + Math.Min(1UL, span), max - Math.Min(1UL, span));
        return Gen.Frequency((4, small), (4, anywhere), (2, edges));
    }

    /// <summary>A uint in [min, max].</summary>
    public static Gen<uint> UInt(uint min = 0, uint max = uint.MaxValue) => ULong(min, max).Select(v => (uint)v);

    /// <summary>A long in [min, max], min non-negative.</summary>
    public static Gen<long> NonNegativeLong(long min, long max) => ULong((ulong)min, (ulong)max).Select(v => (long)v);

    /// <summary>Any long, negative ones included.</summary>
    public static Gen<long> AnyLong() => Bits64.Select(v => unchecked((long)v)).Or(Gen.Elements(0L, -5L, -28L, long.MinValue, long.MaxValue));

    /// <summary>The largest count <see cref="Sectors"/> holds.</summary>
    public static readonly long MaxSectors = long.MaxValue / Sectors.SectorSize;

    /// <summary>Any sector count the model can hold, 0 included.</summary>
    public static Gen<Sectors> AnySectors { get; } = NonNegativeLong(0, MaxSectors).Select(Sectors.FromCount);

    /// <summary>A sector count of at least 1.</summary>
    public static Gen<Sectors> PositiveSectors { get; } = NonNegativeLong(1, MaxSectors).Select(Sectors.FromCount);

    /// <summary>A power of two from 2^minExponent to 2^maxExponent.</summary>
    public static Gen<long> PowerOfTwo(int minExponent, int maxExponent) => Gen.Choose(minExponent, maxExponent).Select(e => 1L << e);

    /// <summary>A whole number of milliseconds a delay path carries (0 .. 2^32-1 ms).</summary>
    public static Gen<TimeSpan> DelayTime { get; } = UInt().Select(ms => TimeSpan.FromMilliseconds(ms));

    // ---------------------------------------------------------------- words and devices

    /// <summary>One table word: non-empty, no whitespace (punctuation and non-ASCII letters included).</summary>
    public static Gen<string> Word { get; } = WordFrom(WordChars, 1, 12);

    /// <summary>A word of hex digits, an even number of them.</summary>
    public static Gen<string> HexWord { get; } = Gen.Choose(1, 32).SelectMany(n => WordFrom(HexChars, 2 * n, 2 * n));

    /// <summary>Between min and max words.</summary>
    public static Gen<ValueList<string>> Words(int min, int max) => ListOf(Word, min, max);

    /// <summary>A device named by major:minor.</summary>
    public static Gen<DeviceReference> DeviceByNumber { get; } =
        Gen.Zip(UInt(), UInt(), (major, minor) => DeviceReference.FromNumber(new DeviceNumber(major, minor)));

    /// <summary>A device named by an absolute path.</summary>
    public static Gen<DeviceReference> DeviceByPath { get; } =
        Gen.OneOf(WordFrom(WordChars, 0, 12).Select(w => "/" + w), Word.Select(w => "/dev/" + w), Word.Select(w => "/dev/mapper/" + w))
            .Select(DeviceReference.FromPath);

    /// <summary>Any device reference.</summary>
    public static Gen<DeviceReference> Device { get; } = Gen.Frequency((3, DeviceByNumber), (1, DeviceByPath));

    /// <summary>A device or, sometimes, none.</summary>
    public static Gen<DeviceReference?> OptionalDevice { get; } =
        Gen.Frequency((1, Gen.Constant<DeviceReference?>(null)), (2, Device.Select(d => (DeviceReference?)d)));

    /// <summary>A device and an offset on it.</summary>
    public static Gen<DeviceLocation> Location { get; } = Gen.Zip(Device, AnySectors, (d, o) => new DeviceLocation(d, o));

    // ---------------------------------------------------------------- targets

    public static Gen<LinearTarget> Linear { get; } = Gen.Zip(Device, AnySectors, (d, o) => new LinearTarget(d, o));

    /// <summary>Stripes with a chunk small enough that a line of several whole stripes fits in <see cref="Sectors"/>.</summary>
    public static Gen<StripedTarget> Striped { get; } =
        from chunk in NonNegativeLong(1, 1L << 24)
        from legs in ListOf(Location, 1, 8)
        select new StripedTarget(Sectors.FromCount(chunk), legs);

    public static Gen<ZeroTarget> Zero { get; } = Gen.Constant(new ZeroTarget());

    public static Gen<ErrorTarget> Error { get; } = Gen.Constant(new ErrorTarget());

    public static Gen<DelayPath> DelayPath { get; } =
        from device in Device
        from offset in AnySectors
        from delay in DelayTime
        select new DelayPath(device, offset, delay);

    public static Gen<DelayTarget> Delay { get; } =
        from read in DelayPath
        from paths in Gen.Choose(1, 3)
        from write in DelayPath
        from flush in DelayPath
        select new DelayTarget(read, paths >= 2 ? write : null, paths == 3 ? flush : null);

    /// <summary>Up and down intervals, whole seconds, not both 0, summing to at most 2^32-1 (dm-flakey's checks).</summary>
    public static Gen<(TimeSpan Up, TimeSpan Down)> FlakeyIntervals { get; } =
        from up in UInt()
        from down in UInt(up == 0 ? 1u : 0u, uint.MaxValue - up)
        from swap in Gen.Elements(false, true)
        select swap
            ? (TimeSpan.FromSeconds(down), TimeSpan.FromSeconds(up))
            : (TimeSpan.FromSeconds(up), TimeSpan.FromSeconds(down));

    public static Gen<FlakeyCorruption> Corruption(bool readsOnly) =>
        from nth in UInt(1)
        from direction in readsOnly ? Gen.Constant(FlakeyDirection.Read) : Gen.Elements(FlakeyDirection.Read, FlakeyDirection.Write)
        from value in Gen.Choose(0, 255)
        from flags in UInt()
        select new FlakeyCorruption(nth, direction, (byte)value, flags);

    /// <summary>
    /// flakey with the feature combinations dm-flakey accepts: at most one of drop_writes and
    /// error_writes, and write corruption only without either.
    /// </summary>
    public static Gen<FlakeyTarget> Flakey { get; } =
        from device in Device
        from offset in AnySectors
        from intervals in FlakeyIntervals
        from fault in Gen.Elements(FlakeyWriteFault.None, FlakeyWriteFault.DropWrites, FlakeyWriteFault.ErrorWrites)
        from corrupt in Gen.Elements(false, true)
        from corruption in Corruption(readsOnly: fault != FlakeyWriteFault.None)
        select new FlakeyTarget(device, offset, intervals.Up, intervals.Down, fault, corrupt ? corruption : null);

    /// <summary>dust block sizes: powers of two from 512 bytes to 1 GiB.</summary>
    public static Gen<Size> DustBlockSize { get; } = PowerOfTwo(9, 30).Select(Size.FromBytes);

    public static Gen<DustTarget> Dust { get; } =
        from device in Device
        from offset in AnySectors
        from blockSize in DustBlockSize
        select new DustTarget(device, offset, blockSize);

    public static Gen<SnapshotFeatures> SnapshotFeatureSet { get; } = Gen.Elements(
        SnapshotFeatures.None, SnapshotFeatures.DiscardZeroesCow, SnapshotFeatures.DiscardZeroesCow | SnapshotFeatures.DiscardPassdownOrigin);

    public static Gen<SnapshotPersistence> Persistence { get; } =
        Gen.Elements(SnapshotPersistence.Persistent, SnapshotPersistence.PersistentOverflow, SnapshotPersistence.Transient);

    /// <summary>A snapshot chunk size: a power of two sectors, up to the kernel's limit of 2^21 (INT_MAX >> SECTOR_SHIFT).</summary>
    public static Gen<Sectors> SnapshotChunk { get; } = PowerOfTwo(0, 21).Select(Sectors.FromCount);

    public static Gen<SnapshotTarget> Snapshot { get; } =
        from origin in Device
        from cow in Device
        from persistence in Persistence
        from chunk in SnapshotChunk
        from features in SnapshotFeatureSet
        select new SnapshotTarget(origin, cow, persistence, chunk, features);

    public static Gen<SnapshotMergeTarget> SnapshotMerge { get; } =
        from origin in Device
        from cow in Device
        from persistence in Persistence
        from chunk in SnapshotChunk
        from features in SnapshotFeatureSet
        select new SnapshotMergeTarget(origin, cow, persistence, chunk, features);

    public static Gen<SnapshotOriginTarget> SnapshotOrigin { get; } = Device.Select(d => new SnapshotOriginTarget(d));

    /// <summary>A thin-pool data block size: a multiple of 128 sectors from 128 to 2097152.</summary>
    public static Gen<Sectors> ThinPoolBlockSize { get; } =
        Gen.Frequency((4, Gen.Choose(1, 16384)), (1, Gen.Elements(1, 2, 8, 16384))).Select(k => Sectors.FromCount(128L * k));

    /// <summary>Any combination of the five thin-pool features.</summary>
    public static Gen<ThinPoolFeatures> ThinPoolFeatureSet { get; } = Gen.Choose(0, 31).Select(f => (ThinPoolFeatures)f);

    public static Gen<ThinPoolTarget> ThinPool { get; } =
        from metadata in Device
        from data in Device
        from blockSize in ThinPoolBlockSize
        from lowWater in ULong()
        from features in ThinPoolFeatureSet
        select new ThinPoolTarget(metadata, data, blockSize, lowWater, features);

    /// <summary>A thin id: 0 .. 2^24-1.</summary>
    public static Gen<ThinDeviceId> ThinId { get; } = UInt(0, ThinDeviceId.MaxValue).Select(v => new ThinDeviceId(v));

    public static Gen<ThinTarget> Thin { get; } =
        from pool in Device
        from id in ThinId
        from origin in OptionalDevice
        select new ThinTarget(pool, id, origin);

    /// <summary>A cache block size: a multiple of 64 sectors from 64 to 2097152.</summary>
    public static Gen<Sectors> CacheBlockSize { get; } = Gen.Choose(1, 32768).Select(k => Sectors.FromCount(64L * k));

    /// <summary>Cache features in any order: at most one I/O mode, each feature at most once.</summary>
    public static Gen<ValueList<CacheFeature>> CacheFeatures { get; } =
        from mode in Gen.Elements<CacheFeature?>(null, CacheFeature.Writethrough, CacheFeature.Writeback, CacheFeature.Passthrough)
        from others in Gen.SubListOf(CacheFeature.Metadata2, CacheFeature.NoDiscardPassdown)
        from order in Gen.Shuffle(mode is { } m ? [m, .. others] : others.ToArray())
        select new ValueList<CacheFeature>(order);

    public static Gen<CachePolicySetting> PolicySetting { get; } = Gen.Zip(Word, Word, (k, v) => new CachePolicySetting(k, v));

    public static Gen<CacheTarget> Cache { get; } =
        from metadata in Device
        from cache in Device
        from origin in Device
        from blockSize in CacheBlockSize
        from features in CacheFeatures
        from policy in Gen.OneOf(Gen.Elements("smq", "cleaner", "mq", "default"), Word)
        from settings in ListOf(PolicySetting, 0, 3)
        select new CacheTarget(metadata, cache, origin, blockSize, features, policy, settings);

    public static Gen<EraTarget> Era { get; } =
        from metadata in Device
        from origin in Device
        from blockSize in PositiveSectors
        select new EraTarget(metadata, origin, blockSize);

    public static Gen<WritecacheTarget> Writecache { get; } =
        from mode in Gen.Elements(WritecacheMode.Ssd, WritecacheMode.PersistentMemory)
        from origin in Device
        from cache in Device
        from blockSize in PowerOfTwo(9, 12)
        from arguments in Words(0, 6)
        select new WritecacheTarget(mode, origin, cache, Size.FromBytes(blockSize), arguments);

    public static Gen<IntegrityTarget> Integrity { get; } =
        from device in Device
        from offset in AnySectors
        from tagSize in UInt()
        from mode in Gen.Elements(IntegrityMode.Journal, IntegrityMode.Bitmap, IntegrityMode.Direct, IntegrityMode.Recovery)
        from arguments in Words(0, 6)
        select new IntegrityTarget(device, offset, tagSize, mode, arguments);

    /// <summary>Crypt keys of every form: none, bytes, hex text as the kernel prints it, a keyring reference.</summary>
    public static Gen<CryptKey> Key { get; } = Gen.OneOf(
        Gen.Constant(CryptKey.None),
        Gen.Choose(1, 64).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255), n)).Select(b => CryptKey.FromBytes(b.Select(x => (byte)x).ToArray())),
        HexWord.Select(CryptKey.Parse),
        from size in UInt()
        from type in Gen.OneOf(Gen.Elements("logon", "user", "encrypted", "trusted"), Word.Where(w => !w.Contains(':', StringComparison.Ordinal)))
        from description in Word
        select CryptKey.Parse($":{size}:{type}:{description}"));

    public static Gen<CryptTarget> Crypt { get; } =
        from cipher in Gen.OneOf(Gen.Elements("aes-xts-plain64", "aes-cbc-essiv:sha256", "capi:xts(aes)-plain64"), Word)
        from key in Key
        from ivOffset in ULong()
        from device in Device
        from offset in AnySectors
        from arguments in Words(0, 4)
        select new CryptTarget(cipher, key, ivOffset, device, offset, arguments);

    /// <summary>verity with power-of-two block sizes from 512 bytes to 1 GiB (dm-verity reads them as 32-bit numbers, at most INT_MAX).</summary>
    public static Gen<VerityTarget> Verity { get; } =
        from version in UInt(0, 1)
        from data in Device
        from hash in Device
        from dataBlock in PowerOfTwo(9, 30)
        from hashBlock in PowerOfTwo(9, 30)
        from dataBlocks in ULong()
        from hashStart in ULong()
        from algorithm in Gen.OneOf(Gen.Elements("sha256", "sha1", "sha512"), Word)
        from digest in HexWord
        from salt in Gen.OneOf(Gen.Constant("-"), HexWord)
        from arguments in Words(0, 4)
        select new VerityTarget(version, data, hash, Size.FromBytes(dataBlock), Size.FromBytes(hashBlock), dataBlocks, hashStart, algorithm, digest,
            salt, arguments);

    public static Gen<RaidDevice> RaidMember { get; } = Gen.Zip(OptionalDevice, OptionalDevice, (m, d) => new RaidDevice(m, d));

    public static Gen<RaidTarget> Raid { get; } =
        from type in Gen.OneOf(Gen.Elements("raid1", "raid4", "raid5_ls", "raid6_zr", "raid10"), Word)
        from chunk in AnySectors
        from parameters in Words(0, 5)
        from members in ListOf(RaidMember, 1, 6)
        select new RaidTarget(type, chunk, parameters, members);

    public static Gen<MirrorTarget> Mirror { get; } =
        from logType in Gen.OneOf(Gen.Elements("core", "disk", "userspace"), Word)
        from logArguments in Words(0, 4)
        from legs in ListOf(Location, 1, 4)
        from features in Words(0, 2)
        select new MirrorTarget(logType, logArguments, legs, features);

    public static Gen<MultipathPathGroup> PathGroup { get; } =
        from selector in Gen.OneOf(Gen.Elements("round-robin", "service-time", "queue-length"), Word)
        from selectorArguments in Words(0, 2)
        from pathArgumentCount in Gen.Choose(0, 2)
        from paths in ListOf(Gen.Zip(Device, Words(pathArgumentCount, pathArgumentCount), (d, a) => new MultipathPath(d, a)), 1, 3)
        select new MultipathPathGroup(selector, selectorArguments, pathArgumentCount, paths);

    public static Gen<MultipathTarget> Multipath { get; } =
        from features in Words(0, 3)
        from handler in Words(0, 2)
        from groups in ListOf(PathGroup, 0, 3)
        from initial in UInt(0, (uint)groups.Count)
        select new MultipathTarget(features, handler, initial, groups);

    public static Gen<LogWritesTarget> LogWrites { get; } = Gen.Zip(Device, Device, (d, l) => new LogWritesTarget(d, l));

    public static Gen<VdoTarget> Vdo { get; } =
        from device in Device
        from storageBlocks in ULong()
        from minimumIo in Gen.Elements(512L, 4096L)
        from cacheBlocks in ULong()
        from eraLength in UInt(1, 16380)
        from pairs in Gen.Choose(0, 3)
        from arguments in Words(2 * pairs, 2 * pairs)
        select new VdoTarget(device, storageBlocks, Size.FromBytes(minimumIo), cacheBlocks, eraLength, arguments);

    /// <summary>A type name without a typed model: one word of at most 15 UTF-8 bytes.</summary>
    public static Gen<string> GenericTypeName { get; } =
        Gen.OneOf(Gen.Elements("switch", "unstriped", "zoned", "clone", "ebs", "bow", "user"), WordFrom(WordChars, 1, 15))
            .Where(t => Encoding.UTF8.GetByteCount(t) <= 15 && !TypedTargetNames.Contains(t));

    /// <summary>Argument text on one line: any characters but a newline, spaces included, possibly empty.</summary>
    public static Gen<string> OneLineText { get; } =
        Gen.ArrayOf(Gen.OneOf(Gen.Elements(' ', ' ', '\t', '\r', 'é', '中', '-'), Gen.Choose(0x21, 0x7e).Select(c => (char)c)))
            .Select(cs => new string(cs));

    public static Gen<GenericTarget> Generic { get; } = Gen.Zip(GenericTypeName, OneLineText, (t, a) => new GenericTarget(t, a));

    /// <summary>One target of any type (with the weights of a mixed table).</summary>
    public static Gen<DmTarget> AnyTarget { get; } = Gen.OneOf(
        Linear.Select(t => (DmTarget)t), Striped.Select(t => (DmTarget)t), Zero.Select(t => (DmTarget)t), Error.Select(t => (DmTarget)t),
        Delay.Select(t => (DmTarget)t), Flakey.Select(t => (DmTarget)t), Dust.Select(t => (DmTarget)t), Snapshot.Select(t => (DmTarget)t),
        SnapshotOrigin.Select(t => (DmTarget)t), SnapshotMerge.Select(t => (DmTarget)t), ThinPool.Select(t => (DmTarget)t),
        Thin.Select(t => (DmTarget)t), Cache.Select(t => (DmTarget)t), Era.Select(t => (DmTarget)t), Writecache.Select(t => (DmTarget)t),
        Integrity.Select(t => (DmTarget)t), Crypt.Select(t => (DmTarget)t), Verity.Select(t => (DmTarget)t), Raid.Select(t => (DmTarget)t),
        Mirror.Select(t => (DmTarget)t), Multipath.Select(t => (DmTarget)t), LogWrites.Select(t => (DmTarget)t), Vdo.Select(t => (DmTarget)t),
        Generic.Select(t => (DmTarget)t));

    /// <summary>A length the target can map: any positive one, or whole stripes for striped, at least one block for dust.</summary>
    public static Gen<Sectors> LengthFor(DmTarget target) => target switch
    {
        StripedTarget s => NonNegativeLong(1, 4096).Select(k => Sectors.FromCount(k * s.Legs.Count * s.ChunkSize.Count)),
        DustTarget d => NonNegativeLong(d.BlockSize.Bytes / Sectors.SectorSize, 1L << 40).Select(Sectors.FromCount),
        _ => NonNegativeLong(1, 1L << 40).Select(Sectors.FromCount),
    };

    /// <summary>A table of 1..8 contiguous lines of mixed target types.</summary>
    public static Gen<DmTable> Table { get; } =
        ListOf(AnyTarget.SelectMany(t => LengthFor(t).Select(length => (Target: t, Length: length))), 1, 8).Select(parts =>
        {
            var lines = new List<DmTableLine>();
            var start = Sectors.FromCount(0);
            foreach (var (target, length) in parts)
            {
                lines.Add(new DmTableLine(start, length, target));
                start += length;
            }

            return new DmTable(lines);
        });

    // ---------------------------------------------------------------- statuses

    public static Gen<ThinPoolStatus> ThinPoolStatus { get; } =
        from transaction in ULong()
        from usedMeta in ULong()
        from totalMeta in ULong()
        from usedData in ULong()
        from totalData in ULong()
        from held in Gen.OneOf(Gen.Constant<ulong?>(null), ULong().Select(v => (ulong?)v))
        from mode in Gen.Elements(ThinPoolMode.ReadWrite, ThinPoolMode.ReadOnly, ThinPoolMode.OutOfDataSpace)
        from discards in Gen.Elements(ThinPoolDiscards.Passdown, ThinPoolDiscards.NoPassdown, ThinPoolDiscards.Ignore)
        from errorIfNoSpace in Gen.Elements(false, true)
        from needsCheck in Gen.Elements(false, true)
        from lowWater in ULong()
        select new ThinPoolStatus(transaction, usedMeta, totalMeta, usedData, totalData, held, mode, discards, errorIfNoSpace, needsCheck, lowWater);

    public static Gen<ThinStatus> ThinStatus { get; } =
        from mapped in AnySectors
        from highest in Gen.OneOf(Gen.Constant<Sectors?>(null), AnySectors.Select(s => (Sectors?)s))
        select new ThinStatus(mapped, highest);

    public static Gen<CacheStatus> CacheStatus { get; } =
        from metadataBlockSize in AnySectors
        from usedMeta in ULong()
        from totalMeta in ULong()
        from cacheBlockSize in AnySectors
        from usedCache in ULong()
        from totalCache in ULong()
        from counters in Gen.ArrayOf(ULong(), 7)
        from features in CacheFeatures
        from core in ListOf(PolicySetting, 0, 2)
        from policy in Gen.OneOf(Gen.Elements("smq", "cleaner"), Word)
        from policySettings in ListOf(PolicySetting, 0, 3)
        from readOnly in Gen.Elements(false, true)
        from needsCheck in Gen.Elements(false, true)
        select new CacheStatus(metadataBlockSize, usedMeta, totalMeta, cacheBlockSize, usedCache, totalCache, counters[0], counters[1], counters[2],
            counters[3], counters[4], counters[5], counters[6], features, core, policy, policySettings, readOnly, needsCheck);

    public static Gen<EraStatus> EraStatus { get; } =
        from blockSize in AnySectors
        from used in ULong()
        from total in ULong()
        from era in UInt()
        from held in Gen.OneOf(Gen.Constant<ulong?>(null), ULong().Select(v => (ulong?)v))
        select new EraStatus(blockSize, used, total, era, held);

    public static Gen<SnapshotStatus> SnapshotStatus { get; } =
        from type in Gen.Elements("snapshot", "snapshot-merge")
        from state in Gen.Elements(SnapshotState.Active, SnapshotState.Active, SnapshotState.Invalid, SnapshotState.Overflow,
            SnapshotState.MergeFailed, SnapshotState.Unknown)
        from allocated in AnySectors
        from total in AnySectors
        from metadata in AnySectors
        select state == SnapshotState.Active
            ? new SnapshotStatus(type, state, allocated, total, metadata)
            : new SnapshotStatus(type, state);

    public static Gen<StripedStatus> StripedStatus { get; } =
        from count in Gen.Choose(1, 8)
        from devices in ListOf(Device, count, count)
        from alive in ListOf(Gen.Elements(true, false), count, count)
        select new StripedStatus(devices, alive);

    public static Gen<DelayStatus> DelayStatus { get; } =
        from reads in UInt()
        from writes in UInt()
        from flushes in UInt()
        select new DelayStatus(reads, writes, flushes);

    public static Gen<WritecacheStatistics> WritecacheStatistics { get; } =
        Gen.ArrayOf(ULong(), 10).Select(c => new WritecacheStatistics(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]));

    public static Gen<WritecacheStatus> WritecacheStatus { get; } =
        from error in Gen.OneOf(Gen.Elements(0L, -5L, -28L), AnyLong())
        from total in ULong()
        from free in ULong()
        from writeback in ULong()
        from statistics in Gen.OneOf(Gen.Constant<WritecacheStatistics?>(null), WritecacheStatistics.Select(s => (WritecacheStatistics?)s))
        select new WritecacheStatus(error, total, free, writeback, statistics);

    public static Gen<IntegrityStatus> IntegrityStatus { get; } =
        from mismatches in ULong()
        from provided in AnySectors
        from recalculate in Gen.OneOf(Gen.Constant<Sectors?>(null), AnySectors.Select(s => (Sectors?)s))
        select new IntegrityStatus(mismatches, provided, recalculate);

    public static Gen<RaidStatus> RaidStatus { get; } =
        from type in Gen.OneOf(Gen.Elements("raid1", "raid5_ls", "raid10"), Word)
        from health in Gen.Choose(1, 8).SelectMany(n => WordFrom("AaD-", n, n))
        from synced in AnySectors
        from total in AnySectors
        from action in Gen.OneOf(Gen.Elements("idle", "frozen", "resync", "recover", "check", "repair", "reshape"), Word)
        from mismatches in ULong()
        from dataOffset in AnySectors
        from journal in Gen.OneOf(Gen.Elements("-", "A", "D"), Word)
        select new RaidStatus(type, health, synced, total, action, mismatches, dataOffset, journal);

    public static Gen<LogWritesStatus> LogWritesStatus { get; } = Gen.Zip(ULong(), ULong(), (e, s) => new LogWritesStatus(e, s));

    public static Gen<VerityStatus> VerityStatus { get; } = Gen.Elements(false, true).Select(c => new VerityStatus(c));

    public static Gen<DustStatus> DustStatus { get; } =
        from device in Device
        from fail in Gen.Elements(false, true)
        from quiet in Gen.Elements(false, true)
        select new DustStatus(device, fail, quiet);

    public static Gen<MultipathPathStatus> MultipathPath(int selectorArgs) =>
        from device in Device
        from active in Gen.Elements(true, false)
        from failures in UInt()
        from args in Words(selectorArgs, selectorArgs)
        select new MultipathPathStatus(device, active, failures, args);

    public static Gen<MultipathGroupStatus> MultipathGroup { get; } =
        from state in Gen.Elements(MultipathGroupState.Active, MultipathGroupState.Enabled, MultipathGroupState.Disabled)
        from groupArgs in Words(0, 2)
        from selectorArgs in Gen.Choose(0, 3)
        from count in Gen.Choose(0, 4)
        from paths in ListOf(MultipathPath(selectorArgs), count, count)
        select new MultipathGroupStatus(state, groupArgs, paths);

    public static Gen<MultipathStatus> MultipathStatus { get; } =
        from features in Words(0, 3)
        from handler in Words(0, 2)
        from next in UInt()
        from groups in ListOf(MultipathGroup, 0, 4)
        select new MultipathStatus(features, handler, next, groups);

    public static Gen<MirrorStatus> MirrorStatus { get; } =
        from count in Gen.Choose(1, 4)
        from devices in ListOf(Device, count, count)
        from inSync in ULong()
        from total in ULong()
        from health in WordFrom("AFDSRU", count, count)
        from log in Gen.OneOf(Gen.Constant(new ValueList<string>(["core"])), Words(1, 4))
        select new MirrorStatus(devices, inSync, total, health, log);

    public static Gen<EmptyStatus> EmptyStatus { get; } = Gen.Elements(SilentStatusTypes).Select(t => new EmptyStatus(t));

    public static Gen<FailedStatus> FailedStatus { get; } =
        Gen.Zip(Gen.Elements(FailingStatusTypes), Gen.Elements(DmFailure.Fail, DmFailure.Error), (t, f) => new FailedStatus(t, f));

    public static Gen<GenericStatus> GenericStatus { get; } =
        from type in Gen.OneOf(Gen.Elements("vdo", "switch"), GenericTypeName).Where(t => !TypedStatusNames.Contains(t))
        from text in OneLineText
        select new GenericStatus(type, text);

    /// <summary>One status of any kind.</summary>
    public static Gen<DmStatus> AnyStatus { get; } = Gen.OneOf(
        ThinPoolStatus.Select(s => (DmStatus)s), ThinStatus.Select(s => (DmStatus)s), CacheStatus.Select(s => (DmStatus)s),
        EraStatus.Select(s => (DmStatus)s), SnapshotStatus.Select(s => (DmStatus)s), StripedStatus.Select(s => (DmStatus)s),
        DelayStatus.Select(s => (DmStatus)s), WritecacheStatus.Select(s => (DmStatus)s), IntegrityStatus.Select(s => (DmStatus)s),
        RaidStatus.Select(s => (DmStatus)s), LogWritesStatus.Select(s => (DmStatus)s), VerityStatus.Select(s => (DmStatus)s),
        DustStatus.Select(s => (DmStatus)s), MultipathStatus.Select(s => (DmStatus)s), MirrorStatus.Select(s => (DmStatus)s),
        EmptyStatus.Select(s => (DmStatus)s), FailedStatus.Select(s => (DmStatus)s),
        GenericStatus.Select(s => (DmStatus)s));

    // ---------------------------------------------------------------- invalid values (for the negative properties)

    /// <summary>Thin-pool block sizes the kernel refuses: below 128, above 2097152, or not a multiple of 128 sectors.</summary>
    public static Gen<Sectors> InvalidThinPoolBlockSize { get; } = Gen.OneOf(
        NonNegativeLong(0, 127),
        NonNegativeLong(2097152 / 128 + 1, MaxSectors / 128).Select(k => 128 * k),
        NonNegativeLong(0, MaxSectors).Where(n => n % 128 != 0)).Select(Sectors.FromCount);

    /// <summary>Ids that need more than 24 bits.</summary>
    public static Gen<uint> InvalidThinId { get; } = UInt(ThinDeviceId.MaxValue + 1);

    /// <summary>Cache block sizes the kernel refuses: below 64, above 2097152, or not a multiple of 64 sectors.</summary>
    public static Gen<Sectors> InvalidCacheBlockSize { get; } = Gen.OneOf(
        NonNegativeLong(0, 63),
        NonNegativeLong(2097152 / 64 + 1, MaxSectors / 64).Select(k => 64 * k),
        NonNegativeLong(0, MaxSectors).Where(n => n % 64 != 0)).Select(Sectors.FromCount);

    /// <summary>Sector counts that are not a power of two (0 included).</summary>
    public static Gen<Sectors> NotPowerOfTwoSectors { get; } =
        NonNegativeLong(0, MaxSectors).Where(n => !long.IsPow2(n)).Select(Sectors.FromCount);

    /// <summary>Byte sizes that are not a power of two from 512 bytes to 1 GiB.</summary>
    public static Gen<Size> InvalidPowerOfTwoBlockSize { get; } = Gen.OneOf(
        NonNegativeLong(0, 511),
        PowerOfTwo(31, 62),
        NonNegativeLong(0, long.MaxValue).Where(n => !long.IsPow2(n))).Select(Size.FromBytes);

    /// <summary>Up and down intervals, whole seconds each below 2^32, whose sum does not fit in 32 bits.</summary>
    public static Gen<(TimeSpan Up, TimeSpan Down)> OverflowingFlakeyIntervals { get; } =
        from up in UInt(1)
        from down in UInt(uint.MaxValue - up + 1)
        select (TimeSpan.FromSeconds(up), TimeSpan.FromSeconds(down));

    /// <summary>A word with whitespace somewhere in it, or the empty string.</summary>
    public static Gen<string> NotAWord { get; } =
        Gen.OneOf(
            Gen.Constant(""),
            from before in WordFrom(WordChars, 0, 6)
            from space in Gen.Elements(" ", "\t", "\n", "\r", "\u00a0", "\u2003")
            from after in WordFrom(WordChars, 0, 6)
            select before + space + after);

    /// <summary>A type name of one word but more than 15 UTF-8 bytes.</summary>
    public static Gen<string> OverlongTypeName { get; } = Gen.OneOf(
        WordFrom("abcdefghijklmnopqrstuvwxyz-_", 16, 40),
        WordFrom("é中ß", 6, 15)).Where(t => Encoding.UTF8.GetByteCount(t) > 15);

    // ---------------------------------------------------------------- helpers

    /// <summary>Between min and max elements, as a list that compares by content.</summary>
    public static Gen<ValueList<T>> ListOf<T>(Gen<T> element, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => element.ListOf(n)).Select(items => new ValueList<T>(items));

    private static Gen<string> WordFrom(string alphabet, int minLength, int maxLength) =>
        Gen.Choose(minLength, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(cs => new string(cs));
}
