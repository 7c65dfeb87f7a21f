using System.Text;

namespace Sts.Results.Analysis;

/// <summary>
/// Builds a <c>dotnet test --filter</c> expression (as tmt/run-suite --filter takes) selecting
/// tests by their full names: <c>FullyQualifiedName=A|FullyQualifiedName=B</c>, with the
/// characters the filter syntax reserves escaped by a backslash.
/// </summary>
public static class RerunFilter
{
    /// <summary>The expression selecting exactly <paramref name="tests"/>.</summary>
    /// <param name="tests">The tests' full names.</param>
    /// <returns>The expression.</returns>
    /// <exception cref="ArgumentException">No test is given.</exception>
    public static string For(IEnumerable<string> tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        var names = tests.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("a filter needs at least one test", nameof(tests));
        }

        return string.Join('|', names.Select(n => "FullyQualifiedName=" + Escape(n)));
    }

    /// <summary>Escapes the characters the filter syntax reserves: \ ( ) &amp; | = ! ~.</summary>
    /// <param name="value">A value.</param>
    /// <returns>The escaped value.</returns>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\\' or '(' or ')' or '&' or '|' or '=' or '!' or '~')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
