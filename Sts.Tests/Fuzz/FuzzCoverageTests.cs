using System.Reflection;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dm.Tables;
using Sts.Dmpd.Formats.Reports;

namespace Sts.Tests.Fuzz;

/// <summary>No public parser is left out of the fuzzing: found by reflection, not by a list kept by hand.</summary>
[TestFixture, Category("Fuzz")]
public sealed class FuzzCoverageTests
{
    // Parsers deliberately not fuzzed here, each with the reason.
    private static readonly Dictionary<string, string> NotFuzzed = new(StringComparer.Ordinal)
    {
    };

    [Test]
    public void Every_public_parse_method_of_the_libraries_is_a_fuzz_target()
    {
        var assemblies = new[] { typeof(Size).Assembly, typeof(DmTable).Assembly, typeof(ThinLsReport).Assembly };
        var parsers = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsVisible)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => (m.Name.StartsWith("Parse", StringComparison.Ordinal) || m.Name.StartsWith("TryParse", StringComparison.Ordinal))
                            && m.GetParameters().FirstOrDefault()?.ParameterType == typeof(string))
                .Select(m => $"{t.Name}.{m.Name}"))
            .Distinct()
            .ToList();
        parsers.Should().HaveCountGreaterThan(30, "reflection must find the parsers at all");
        var covered = FuzzTargets.All.SelectMany(t => t.Covers).ToHashSet(StringComparer.Ordinal);
        parsers.Where(p => !covered.Contains(p) && !NotFuzzed.ContainsKey(p)).Should().BeEmpty("every public parser needs a fuzz target (or a reason in NotFuzzed)");
    }

    [Test]
    public void Every_target_and_status_type_the_library_parses_is_fuzzed()
    {
        var targetParsers = typeof(DmTable).Assembly.GetType("Sts.Dm.Targets.TargetParsers", throwOnError: true)!;
        var statusParsers = typeof(DmTable).Assembly.GetType("Sts.Dm.Status.StatusParsers", throwOnError: true)!;
        Keys(targetParsers, "Parsers").Should().BeSubsetOf(FuzzTargets.TargetTypes);
        Keys(statusParsers, "Parsers").Concat(Keys(statusParsers, "Silent")).Should().BeSubsetOf(FuzzTargets.StatusTypes);
    }

    private static IEnumerable<string> Keys(Type type, string field)
    {
        var value = type.GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        return value switch
        {
            System.Collections.IDictionary d => d.Keys.Cast<string>(),
            IEnumerable<string> set => set,
            _ => throw new InvalidOperationException($"{type.Name}.{field} is neither a dictionary nor a set"),
        };
    }
}
