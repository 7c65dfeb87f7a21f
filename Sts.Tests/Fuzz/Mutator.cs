using System.Text;

namespace Sts.Tests.Fuzz;

/// <summary>
/// Mutates captured outputs the way surprises arrive: numbers at and past every integer
/// boundary, non-ASCII digits, whitespace and control characters, escapes, lone surrogates,
/// words dropped, repeated, swapped or cut off. Deterministic for a given <see cref="Random"/>.
/// </summary>
internal static class Mutator
{
    private static readonly string[] Numbers =
    [
        "0", "1", "-1", "-0", "+1", "2147483647", "2147483648", "4294967295", "4294967296", "16777215", "16777216",
        "9223372036854775807", "9223372036854775808", "18014398509481983", "18014398509481984", "18446744073709551615",
        "18446744073709551616", "99999999999999999999999999999999", "١٢٣", "٠", "３", "１２", "1e3", "0x10", "1.5", "00000000000000000000001",
    ];

    private static readonly string[] Specials =
    [
        " ", "  ", "\t", "\n", "\r\n", "\0", "\u0085", "\u009b", "\u00a0", "\u2028", "\ud800", "\udc00", "\\x2f", "\\x5c", "\\", "-", "/",
        ":", ",", ".", "+", "=", "<", ">", "&", "\"", "'", "&#1;", "&#x9;", "&amp;", "<a/>", "]]>", "é", "😀", "\u202e", "$(id)", ";", "|", "#",
        "..", "*", "%", "e", "K", "s", "iB", "A", "F", "D", "-", "Fail", "Error", "Invalid", "Merge failed",
    ];

    /// <summary>Inputs every target gets, whatever its seeds: empty, blank, and long runs that catch super-linear matching.</summary>
    public static IEnumerable<string> Hostile(IReadOnlyList<string> seeds)
    {
        yield return "";
        yield return " ";
        yield return "\n";
        yield return new string(' ', 100_000);
        yield return new string('\t', 50_000) + "1" + new string(' ', 50_000);
        yield return new string('1', 100_000);
        yield return "1" + new string('.', 50_000);
        yield return string.Concat(Enumerable.Repeat("1.", 30_000));
        yield return new string('\n', 20_000);
        yield return string.Concat(Enumerable.Repeat("0 ", 50_000));
        yield return new string('<', 10_000);
        yield return new string('a', 100_000);
        if (seeds.Count > 0)
        {
            var seed = seeds[0];
            yield return string.Concat(Enumerable.Repeat(seed.TrimEnd('\n') + " ", Math.Max(1, 200_000 / Math.Max(1, seed.Length))));
        }
    }

    /// <summary>One mutant of a seed: one to four mutations applied in turn.</summary>
    public static string Mutate(string seed, Random random)
    {
        var text = seed;
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            text = MutateOnce(text, random);
        }

        return text;
    }

    private static string MutateOnce(string text, Random random)
    {
        switch (random.Next(10))
        {
            case 0:
            case 1:
                return ReplaceNumber(text, random);
            case 2:
                return Insert(text, random, Specials[random.Next(Specials.Length)]);
            case 3:
                return Insert(text, random, Numbers[random.Next(Numbers.Length)]);
            case 4:
                return DeleteSpan(text, random);
            case 5:
                return DuplicateSpan(text, random);
            case 6:
                return SwapWords(text, random);
            case 7:
                return text.Length == 0 ? text : text[..random.Next(text.Length)];
            case 8:
                return ReplaceChar(text, random);
            default:
                return ReplaceWord(text, random, Specials[random.Next(Specials.Length)]);
        }
    }

    private static string Insert(string text, Random random, string what)
    {
        var at = random.Next(text.Length + 1);
        return string.Concat(text.AsSpan(0, at), what, text.AsSpan(at));
    }

    private static string DeleteSpan(string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var start = random.Next(text.Length);
        var length = 1 + random.Next(Math.Min(16, text.Length - start));
        return text.Remove(start, length);
    }

    private static string DuplicateSpan(string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var start = random.Next(text.Length);
        var length = 1 + random.Next(Math.Min(32, text.Length - start));
        var span = text.Substring(start, length);
        var times = random.Next(4) == 0 ? 1 + random.Next(64) : 1;
        return text.Insert(start, string.Concat(Enumerable.Repeat(span, times)));
    }

    private static string ReplaceChar(string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var at = random.Next(text.Length);
        var c = random.Next(3) switch
        {
            0 => (char)random.Next(0x20, 0x7f),
            1 => (char)random.Next(0, 0x20),
            _ => (char)random.Next(0x80, 0x10000),
        };
        return string.Concat(text.AsSpan(0, at), c.ToString(), text.AsSpan(at + 1));
    }

    private static string ReplaceNumber(string text, Random random)
    {
        var runs = new List<(int Start, int Length)>();
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            runs.Add((start, i - start));
        }

        if (runs.Count == 0)
        {
            return Insert(text, random, Numbers[random.Next(Numbers.Length)]);
        }

        var (s, l) = runs[random.Next(runs.Count)];
        return string.Concat(text.AsSpan(0, s), Numbers[random.Next(Numbers.Length)], text.AsSpan(s + l));
    }

    private static string ReplaceWord(string text, Random random, string with)
    {
        var words = text.Split(' ');
        if (words.Length == 0)
        {
            return with;
        }

        words[random.Next(words.Length)] = with;
        return string.Join(' ', words);
    }

    private static string SwapWords(string text, Random random)
    {
        var words = text.Split(' ');
        if (words.Length < 2)
        {
            return text;
        }

        var (a, b) = (random.Next(words.Length), random.Next(words.Length));
        (words[a], words[b]) = (words[b], words[a]);
        return string.Join(' ', words);
    }

    /// <summary>The input as a C# string literal, for failure messages.</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text.Length > 400 ? text[..400] : text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when c < 0x20 || c is >= '\u007f' and <= '\u00a0' || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append(text.Length > 400 ? $"\"... ({text.Length} chars)" : "\"").ToString();
    }
}
