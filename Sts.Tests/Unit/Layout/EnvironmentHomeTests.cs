using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core;

namespace Sts.Tests.Unit.Layout;

/// <summary>
/// The environment has one home, <see cref="StsEnvironment"/>: no library code reads or spells
/// an STS_* variable anywhere else, each variable has one documented property, and
/// docs/environment.md lists exactly those variables.
/// </summary>
public sealed partial class EnvironmentHomeTests
{
    private const string Home = "Sts.Core/StsEnvironment.cs";

    // Read through something other than the home, each with its reason.
    private static readonly Dictionary<string, string> OtherReads = new(StringComparer.Ordinal)
    {
        ["Sts.Core/Host/Tools.cs"] = "PATH is the system's, not Sts's",
    };

    // STS_ spelt outside the home, each with its reason.
    private static readonly Dictionary<string, string> OtherSpellings = new(StringComparer.Ordinal)
    {
        ["Sts.Core/Commands/ProcessTree.cs"] = "STS_PROCESS_TREE is a marker Sts puts in its children's environment, never read from its own",
    };

    [Test]
    public void No_library_code_reads_the_environment_outside_the_home()
    {
        var readers = SourceTree.CSharpFiles(SourceTree.LibraryProjects)
            .Where(file => file != Home && !OtherReads.ContainsKey(file) && SourceTree.Read(file).Contains("GetEnvironmentVariable", StringComparison.Ordinal))
            .ToList();

        readers.Should().BeEmpty("Sts reads its environment through StsEnvironment only; these files read it themselves: {0}", string.Join(", ", readers));
    }

    [Test]
    public void No_library_code_spells_an_sts_variable_outside_the_home()
    {
        var spellers = SourceTree.CSharpFiles(SourceTree.LibraryProjects)
            .Where(file => file != Home && !OtherSpellings.ContainsKey(file) && StsLiteral().IsMatch(SourceTree.Read(file)))
            .ToList();

        spellers.Should().BeEmpty("a variable's name is StsEnvironment.Variables.X; these files spell one as a string: {0}", string.Join(", ", spellers));
    }

    [Test]
    public void No_test_or_example_reads_a_user_setting_by_its_literal_name()
    {
        // Test probes read their own test-only variables (STS_PROBE, …) themselves; a variable a
        // user sets is read through StsEnvironment.
        var settings = Variables().ToHashSet(StringComparer.Ordinal);
        var readers = SourceTree.CSharpFiles("Sts.Tests", "examples", "bench")
            .Where(file => LiteralRead().Matches(SourceTree.Read(file)).Any(m => settings.Contains(m.Groups["name"].Value)))
            .ToList();

        readers.Should().BeEmpty("read STS_* variables through StsEnvironment: {0}", string.Join(", ", readers));
    }

    [Test]
    public void Every_variable_has_one_property_whose_documentation_names_it()
    {
        var variables = Variables();
        var docs = PropertyDocs();

        var named = docs.ToDictionary(d => d.Key, d => variables.Where(v => d.Value.Contains($"<c>{v}</c>", StringComparison.Ordinal)).ToList());

        named.Where(n => n.Value.Count != 1).Select(n => $"{n.Key}: {string.Join(", ", n.Value)}").Should()
            .BeEmpty("each property's summary names exactly one variable in <c></c>");
        named.Values.SelectMany(v => v).Should().BeEquivalentTo(variables, "each variable has a property");
        docs.Values.Should().OnlyContain(d => d.Contains("Default", StringComparison.Ordinal), "each property says its default");
    }

    [Test]
    public void The_environment_document_lists_exactly_the_variables_with_their_properties()
    {
        var document = File.ReadAllText(Path.Combine(SourceTree.Root(), "docs", "environment.md"));
        var rows = DocumentRow().Matches(document).Select(m => (Variable: m.Groups["variable"].Value, Property: m.Groups["property"].Value)).ToList();
        var docs = PropertyDocs();

        rows.Select(r => r.Variable).Should().BeEquivalentTo(Variables(), "docs/environment.md has one row per variable of StsEnvironment.Variables");
        rows.Where(r => !docs.TryGetValue(r.Property, out var doc) || !doc.Contains($"<c>{r.Variable}</c>", StringComparison.Ordinal))
            .Select(r => $"{r.Variable} → StsEnvironment.{r.Property}").Should().BeEmpty("each row names the property that reads its variable");
    }

    private static List<string> Variables() =>
        typeof(StsEnvironment.Variables).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

    /// <summary>The public properties of StsEnvironment with their XML documentation, from Sts.Core.xml beside the tests.</summary>
    private static Dictionary<string, string> PropertyDocs()
    {
        var xml = Path.Combine(AppContext.BaseDirectory, "Sts.Core.xml");
        if (!File.Exists(xml))
        {
            Assert.Ignore($"{xml} is missing: the documentation file is copied beside the tests by the build.");
        }

        var members = XDocument.Load(xml).Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, m => string.Concat(m.Nodes().Select(n => n.ToString())));
        return typeof(StsEnvironment).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(p => p.Name, p => members.GetValueOrDefault($"P:Sts.Core.StsEnvironment.{p.Name}", string.Empty));
    }

    [GeneratedRegex("\"STS_[A-Z0-9_]*\"")]
    private static partial Regex StsLiteral();

    [GeneratedRegex(@"GetEnvironmentVariable\(\s*""(?<name>[A-Z0-9_]+)""")]
    private static partial Regex LiteralRead();

    [GeneratedRegex(@"^\|\s*`(?<variable>[A-Z][A-Z0-9_]+)`\s*\|\s*`StsEnvironment\.(?<property>\w+)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex DocumentRow();
}
