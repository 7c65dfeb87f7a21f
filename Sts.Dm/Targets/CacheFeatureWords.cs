namespace Sts.Dm.Targets;

/// <summary>The kernel's words for <see cref="CacheFeature"/>.</summary>
internal static class CacheFeatureWords
{
    private static readonly Dictionary<string, CacheFeature> ByWord = new(StringComparer.Ordinal)
    {
        ["writethrough"] = CacheFeature.Writethrough,
        ["writeback"] = CacheFeature.Writeback,
        ["passthrough"] = CacheFeature.Passthrough,
        ["metadata2"] = CacheFeature.Metadata2,
        ["no_discard_passdown"] = CacheFeature.NoDiscardPassdown,
    };

    public static string Word(CacheFeature feature) => ByWord.First(p => p.Value == feature).Key;

    public static bool TryParse(string word, out CacheFeature feature) => ByWord.TryGetValue(word, out feature);

    public static bool IsMode(CacheFeature feature) => feature is CacheFeature.Writethrough or CacheFeature.Writeback or CacheFeature.Passthrough;
}
