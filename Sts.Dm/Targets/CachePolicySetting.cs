using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>One "key value" pair of cache policy or core arguments (e.g. migration_threshold 2048).</summary>
public sealed record CachePolicySetting
{
    /// <summary>Creates the pair.</summary>
    /// <param name="key">The key, one word.</param>
    /// <param name="value">The value, one word.</param>
    /// <exception cref="DmValidationException">Either is empty or contains whitespace.</exception>
    public CachePolicySetting(string key, string value)
    {
        Key = Require.Word(key, "policy key");
        Value = Require.Word(value, "policy value");
    }

    /// <summary>The key.</summary>
    public string Key { get; }

    /// <summary>The value.</summary>
    public string Value { get; }

    /// <summary>"key value".</summary>
    public override string ToString() => $"{Key} {Value}";

    internal static ValueList<CachePolicySetting> ReadCounted(ArgumentReader r, string what)
    {
        var words = r.NextCounted(what);
        if (words.Count % 2 != 0)
        {
            throw r.Error($"{what} must be key value pairs, found {words.Count} words");
        }

        return new ValueList<CachePolicySetting>(Enumerable.Range(0, words.Count / 2).Select(i => new CachePolicySetting(words[2 * i], words[(2 * i) + 1])));
    }

    internal static string FormatCounted(ValueList<CachePolicySetting> settings) =>
        Words.Counted(settings.SelectMany(s => new[] { s.Key, s.Value }).ToList());
}
