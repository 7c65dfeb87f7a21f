using System.Globalization;

namespace Sts.Dm.Parsing;

/// <summary>Joins table words with single spaces, numbers in the invariant culture.</summary>
internal static class Words
{
    public static string Join(params object?[] words) =>
        string.Join(' ', words.Where(w => w is not null).Select(Text));

    public static string Text(object? word) => word switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => word?.ToString() ?? "",
    };

    /// <summary>"count word word ...", the kernel's counted argument group.</summary>
    public static string Counted(IReadOnlyCollection<string> words) =>
        words.Count == 0 ? "0" : words.Count.ToString(CultureInfo.InvariantCulture) + " " + string.Join(' ', words);

    public static string Ms(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan value) => ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
