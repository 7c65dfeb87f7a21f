using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// thin-pool: "metadata_dev data_dev data_block_size low_water_mark [#features features]"
/// (Documentation/admin-guide/device-mapper/thin-provisioning.rst).
/// </summary>
public sealed record ThinPoolTarget : DmTarget
{
    /// <summary>The smallest data block size, 64 KiB.</summary>
    public static readonly Sectors MinDataBlockSize = Sectors.FromCount(128);

    /// <summary>The largest data block size, 1 GiB.</summary>
    public static readonly Sectors MaxDataBlockSize = Sectors.FromCount(2097152);

    private static readonly (ThinPoolFeatures Flag, string Word)[] FeatureWords =
    [
        (ThinPoolFeatures.SkipBlockZeroing, "skip_block_zeroing"),
        (ThinPoolFeatures.IgnoreDiscard, "ignore_discard"),
        (ThinPoolFeatures.NoDiscardPassdown, "no_discard_passdown"),
        (ThinPoolFeatures.ReadOnly, "read_only"),
        (ThinPoolFeatures.ErrorIfNoSpace, "error_if_no_space"),
    ];

    /// <summary>Creates the target.</summary>
    /// <param name="metadata">The metadata device.</param>
    /// <param name="data">The data device.</param>
    /// <param name="dataBlockSize">The allocation unit: a multiple of 128 sectors from 128 to 2097152.</param>
    /// <param name="lowWaterMark">Free data blocks below which the pool raises an event.</param>
    /// <param name="features">Feature arguments.</param>
    /// <exception cref="DmValidationException">A device is missing, the block size is out of range or not a multiple of 128 sectors, or a feature is unknown.</exception>
    public ThinPoolTarget(DeviceReference metadata, DeviceReference data, Sectors dataBlockSize, ulong lowWaterMark,
        ThinPoolFeatures features = ThinPoolFeatures.None)
    {
        Metadata = Require.NotNull(metadata, "metadata device");
        Data = Require.NotNull(data, "data device");
        Require.That(dataBlockSize >= MinDataBlockSize && dataBlockSize <= MaxDataBlockSize && dataBlockSize.Count % 128 == 0,
            "data block size", $"A thin-pool data block size must be a multiple of 128 sectors from 128 to 2097152, not {dataBlockSize}.");
        Require.That((features & ~FeatureWords.Aggregate(ThinPoolFeatures.None, (a, f) => a | f.Flag)) == 0, "features", $"Unknown thin-pool features {features}.");
        DataBlockSize = dataBlockSize;
        LowWaterMark = lowWaterMark;
        Features = features;
    }

    /// <summary>The metadata device.</summary>
    public DeviceReference Metadata { get; }

    /// <summary>The data device.</summary>
    public DeviceReference Data { get; }

    /// <summary>The allocation unit.</summary>
    public Sectors DataBlockSize { get; }

    /// <summary>Free data blocks below which the pool raises an event.</summary>
    public ulong LowWaterMark { get; }

    /// <summary>Feature arguments.</summary>
    public ThinPoolFeatures Features { get; }

    /// <inheritdoc />
    public override string TargetType => "thin-pool";

    /// <summary>
    /// "metadata data block_size low_water_mark #features features... " in the kernel's order and
    /// with its trailing space (dm-thin.c emit_flags writes "N " and "feature " for each).
    /// </summary>
    public override string FormatArguments()
    {
        var words = FeatureWords.Where(f => Features.HasFlag(f.Flag)).Select(f => f.Word + " ").ToList();
        return Words.Join(Metadata, Data, DataBlockSize, LowWaterMark, words.Count) + " " + string.Concat(words);
    }

    /// <summary>Parses "metadata data block_size low_water_mark [#features features]".</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit, a feature is unknown, or the block size is refused.</exception>
    public static ThinPoolTarget Parse(string arguments) =>
        ArgumentReader.Run("thin-pool", arguments, r =>
        {
            var metadata = r.NextDevice("metadata device");
            var data = r.NextDevice("data device");
            var blockSize = r.NextSectors("data block size");
            var lowWater = r.NextUInt64("low water mark");
            var features = ThinPoolFeatures.None;
            if (!r.AtEnd)
            {
                foreach (var word in r.NextCounted("features"))
                {
                    var match = Array.Find(FeatureWords, f => f.Word == word);
                    features |= match.Word is null ? throw r.Error($"unknown thin-pool feature '{word}'") : match.Flag;
                }
            }

            return new ThinPoolTarget(metadata, data, blockSize, lowWater, features);
        });
}
