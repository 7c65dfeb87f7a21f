using Sts.Core.Units;
using Sts.Dm.Parsing;
using Sts.Dm.Targets;

namespace Sts.Dm.Status;

/// <summary>
/// A running cache's status (Documentation/admin-guide/device-mapper/cache.rst). A failed cache
/// parses as <see cref="FailedStatus"/>.
/// </summary>
/// <param name="MetadataBlockSize">The metadata block size.</param>
/// <param name="UsedMetadataBlocks">Used metadata blocks.</param>
/// <param name="TotalMetadataBlocks">Total metadata blocks.</param>
/// <param name="CacheBlockSize">The cache block size.</param>
/// <param name="UsedCacheBlocks">Cache blocks in use.</param>
/// <param name="TotalCacheBlocks">Total cache blocks.</param>
/// <param name="ReadHits">Read hits.</param>
/// <param name="ReadMisses">Read misses.</param>
/// <param name="WriteHits">Write hits.</param>
/// <param name="WriteMisses">Write misses.</param>
/// <param name="Demotions">Blocks demoted.</param>
/// <param name="Promotions">Blocks promoted.</param>
/// <param name="DirtyBlocks">Dirty cache blocks.</param>
/// <param name="Features">The active features.</param>
/// <param name="CoreSettings">Core key value pairs (migration_threshold).</param>
/// <param name="Policy">The policy name.</param>
/// <param name="PolicySettings">Policy key value pairs.</param>
/// <param name="MetadataReadOnly">True when the metadata is "ro".</param>
/// <param name="NeedsCheck">True when the metadata is flagged for cache_check.</param>
public sealed record CacheStatus(Sectors MetadataBlockSize, ulong UsedMetadataBlocks, ulong TotalMetadataBlocks, Sectors CacheBlockSize,
    ulong UsedCacheBlocks, ulong TotalCacheBlocks, ulong ReadHits, ulong ReadMisses, ulong WriteHits, ulong WriteMisses, ulong Demotions,
    ulong Promotions, ulong DirtyBlocks, ValueList<CacheFeature> Features, ValueList<CachePolicySetting> CoreSettings, string Policy,
    ValueList<CachePolicySetting> PolicySettings, bool MetadataReadOnly, bool NeedsCheck) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "cache";

    /// <summary>The status as dm-cache writes it, with its trailing space.</summary>
    public override string Format() =>
        Words.Join(MetadataBlockSize, $"{UsedMetadataBlocks}/{TotalMetadataBlocks}", CacheBlockSize, $"{UsedCacheBlocks}/{TotalCacheBlocks}",
            ReadHits, ReadMisses, WriteHits, WriteMisses, Demotions, Promotions, DirtyBlocks,
            Words.Counted(Features.Select(CacheFeatureWords.Word).ToList()), CachePolicySetting.FormatCounted(CoreSettings), Policy,
            CachePolicySetting.FormatCounted(PolicySettings), MetadataReadOnly ? "ro" : "rw", NeedsCheck ? "needs_check" : "-") + " ";

    internal static CacheStatus Read(ArgumentReader r)
    {
        var metadataBlockSize = r.NextSectors("metadata block size");
        var (usedMeta, totalMeta) = r.NextRatio("metadata blocks");
        var cacheBlockSize = r.NextSectors("cache block size");
        var (usedCache, totalCache) = r.NextRatio("cache blocks");
        var counters = Enumerable.Range(0, 7).Select(_ => r.NextUInt64("counter")).ToArray();
        var features = CacheTarget.ReadFeatures(r);
        var core = CachePolicySetting.ReadCounted(r, "core arguments");
        var policy = r.Next("policy");
        var policySettings = CachePolicySetting.ReadCounted(r, "policy arguments");
        var readOnly = r.Next("metadata mode") switch
        {
            "ro" => true,
            "rw" => false,
            var other => throw r.Error($"metadata mode '{other}' is not ro or rw"),
        };
        var needsCheck = r.Next("needs_check") switch
        {
            "needs_check" => true,
            "-" => false,
            var other => throw r.Error($"'{other}' is neither needs_check nor -"),
        };
        return new CacheStatus(metadataBlockSize, usedMeta, totalMeta, cacheBlockSize, usedCache, totalCache, counters[0], counters[1], counters[2],
            counters[3], counters[4], counters[5], counters[6], features, core, policy, policySettings, readOnly, needsCheck);
    }
}
