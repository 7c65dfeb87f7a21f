using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// cache: "metadata cache origin block_size #features features policy #policy_args args"
/// (Documentation/admin-guide/device-mapper/cache.rst). The kernel prints the features and
/// policy arguments back in the order they were given, so this record keeps that order.
/// </summary>
public sealed record CacheTarget : DmTarget
{
    /// <summary>The smallest cache block size, 32 KiB.</summary>
    public static readonly Sectors MinBlockSize = Sectors.FromCount(64);

    /// <summary>The largest cache block size, 1 GiB.</summary>
    public static readonly Sectors MaxBlockSize = Sectors.FromCount(2097152);

    /// <summary>Creates the target.</summary>
    /// <param name="metadata">The metadata device.</param>
    /// <param name="cache">The fast device.</param>
    /// <param name="origin">The slow device.</param>
    /// <param name="blockSize">The cache block size: a multiple of 64 sectors from 64 to 2097152.</param>
    /// <param name="features">Feature arguments in order; at most one I/O mode, no repeats.</param>
    /// <param name="policy">The policy name, e.g. smq, cleaner.</param>
    /// <param name="policySettings">Policy key value pairs in order.</param>
    /// <exception cref="DmValidationException">A device is missing, the block size is refused, two I/O modes or a repeated feature are given, or the policy is not one word.</exception>
    public CacheTarget(DeviceReference metadata, DeviceReference cache, DeviceReference origin, Sectors blockSize,
        ValueList<CacheFeature> features, string policy, ValueList<CachePolicySetting> policySettings)
    {
        Metadata = Require.NotNull(metadata, "metadata device");
        Cache = Require.NotNull(cache, "cache device");
        Origin = Require.NotNull(origin, "origin device");
        Require.That(blockSize >= MinBlockSize && blockSize <= MaxBlockSize && blockSize.Count % 64 == 0, "block size",
            $"A cache block size must be a multiple of 64 sectors from 64 to 2097152, not {blockSize}.");
        BlockSize = blockSize;
        Features = Require.NotNull(features, "features");
        Require.That(features.All(Enum.IsDefined), "features", "Unknown cache feature.");
        Require.That(features.Distinct().Count() == features.Count, "features", $"A cache feature is repeated: {features}.");
        Require.That(features.Count(CacheFeatureWords.IsMode) <= 1, "features", $"A cache takes at most one of writethrough, writeback, passthrough: {features}.");
        Policy = Require.Word(policy, "policy");
        PolicySettings = Require.NotNull(policySettings, "policy settings");
    }

    /// <summary>The metadata device.</summary>
    public DeviceReference Metadata { get; }

    /// <summary>The fast device.</summary>
    public DeviceReference Cache { get; }

    /// <summary>The slow device.</summary>
    public DeviceReference Origin { get; }

    /// <summary>The cache block size.</summary>
    public Sectors BlockSize { get; }

    /// <summary>Feature arguments in order.</summary>
    public ValueList<CacheFeature> Features { get; }

    /// <summary>The policy name.</summary>
    public string Policy { get; }

    /// <summary>Policy key value pairs in order.</summary>
    public ValueList<CachePolicySetting> PolicySettings { get; }

    /// <summary>The I/O mode: the one given, or writethrough, the kernel's default.</summary>
    public CacheFeature Mode => Features.Where(CacheFeatureWords.IsMode).DefaultIfEmpty(CacheFeature.Writethrough).First();

    /// <inheritdoc />
    public override string TargetType => "cache";

    /// <summary>"metadata cache origin block_size #features features policy #policy_args args".</summary>
    public override string FormatArguments() =>
        Words.Join(Metadata, Cache, Origin, BlockSize, Words.Counted(Features.Select(CacheFeatureWords.Word).ToList()), Policy,
            CachePolicySetting.FormatCounted(PolicySettings));

    /// <summary>Parses the cache arguments.</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit, a feature is unknown, or policy arguments are not pairs.</exception>
    public static CacheTarget Parse(string arguments) =>
        ArgumentReader.Run("cache", arguments, r =>
        {
            var metadata = r.NextDevice("metadata device");
            var cache = r.NextDevice("cache device");
            var origin = r.NextDevice("origin device");
            var blockSize = r.NextSectors("block size");
            var features = ReadFeatures(r);
            var policy = r.Next("policy");
            var settings = CachePolicySetting.ReadCounted(r, "policy arguments");
            return new CacheTarget(metadata, cache, origin, blockSize, features, policy, settings);
        });

    internal static ValueList<CacheFeature> ReadFeatures(ArgumentReader r) =>
        new(r.NextCounted("features").Select(w => CacheFeatureWords.TryParse(w, out var f) ? f : throw r.Error($"unknown cache feature '{w}'")));
}
