namespace Sts.Results.Model;

/// <summary>One test's result in one run: one row of the store's results.</summary>
/// <param name="Test">The test's full name (namespace, class, method and arguments), as NUnit and <c>dotnet test --filter FullyQualifiedName</c> name it.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Started">When it began (UTC).</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Message">The failure message, the skip reason or the known issue's text; null for a plain pass.</param>
/// <param name="Log">The test's output, or null.</param>
/// <param name="KernelLog">The kernel-log excerpt taken while it ran, or null.</param>
/// <param name="Diagnostics">The diagnostics collected at failure (device-mapper state, kernel log, commands), or null.</param>
public sealed record TestRecord(
    string Test,
    TestOutcome Outcome,
    DateTimeOffset Started,
    TimeSpan Duration,
    string? Message = null,
    string? Log = null,
    string? KernelLog = null,
    string? Diagnostics = null)
{
    /// <summary>
    /// The area the test belongs to: its namespace, e.g. "Sts.Tests.Scenarios.Thin" for
    /// Sts.Tests.Scenarios.Thin.PoolTests.Create, and "Sts.Tests.Kernel" for
    /// Sts.Tests.Kernel.DmStatsTests("dmsetup").Print(1.5) (arguments of the fixture and the
    /// method, which may hold dots, are not part of the path).
    /// </summary>
    public string Area
    {
        get
        {
            var parts = new List<string>();
            var part = new System.Text.StringBuilder();
            var depth = 0;
            var quoted = false;
            for (var i = 0; i < Test.Length; i++)
            {
                var c = Test[i];
                if (quoted)
                {
                    i += c == '\\' ? 1 : 0;
                    quoted = c != '"';
                }
                else if (c == '"' && depth > 0)
                {
                    quoted = true;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth = Math.Max(0, depth - 1);
                }
                else if (depth == 0 && c == '.')
                {
                    parts.Add(part.ToString());
                    part.Clear();
                }
                else if (depth == 0)
                {
                    part.Append(c);
                }
            }

            parts.Add(part.ToString());
            return parts.Count > 2 ? string.Join('.', parts[..^2]) : "(global)";
        }
    }
}
