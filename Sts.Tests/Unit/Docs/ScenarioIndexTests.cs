using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Host;

namespace Sts.Tests.Unit.Docs;

/// <summary>
/// The scenario index (Sts.Tests/Scenarios/README.md) is generated from the repository alone —
/// the catalog docs/scenarios.md and the <c>[Scenario(N)]</c> tags — and the committed index is
/// what the generator makes of them now. The generator runs in a copy holding only the files it
/// reads, with nothing beside it, as in a plain clone.
/// </summary>
public sealed class ScenarioIndexTests
{
    private const string Generator = "tmt/lib/scenario-index.py";
    private const string Catalog = "docs/scenarios.md";
    private const string Index = "Sts.Tests/Scenarios/README.md";

    [Test]
    public async Task The_committed_index_is_what_the_generator_makes_of_the_catalog_and_tags_in_a_bare_copy()
    {
        if (Tools.Find("python3") is null)
        {
            Assert.Ignore("python3 is not installed");
        }

        var repo = Repository();
        var copy = Directory.CreateTempSubdirectory("sts-scenario-index-").FullName;
        try
        {
            CopyFile(repo, copy, Generator);
            CopyFile(repo, copy, Catalog);
            foreach (var source in Directory.EnumerateFiles(Path.Combine(repo, "Sts.Tests"), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(repo, source);
                if (!relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    CopyFile(repo, copy, relative);
                }
            }

            var result = await new Command("python3").WithArguments(Path.Combine(copy, Generator))
                .WithWorkingDirectory(copy).WithValidation(CommandValidation.None).ExecuteAsync();

            result.ExitCode.Should().Be(0, "the generator needs nothing outside the repository; it said: {0}", result.StandardError);
            var generated = await File.ReadAllTextAsync(Path.Combine(copy, Index));
            var committed = await File.ReadAllTextAsync(Path.Combine(repo, Index));
            generated.Should().Be(committed, "the committed index is stale: run python3 {0}", Generator);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Test]
    public async Task Every_catalog_scenario_has_the_anchor_allure_links_to_and_its_full_text_in_the_index()
    {
        var repo = Repository();
        var catalog = await File.ReadAllLinesAsync(Path.Combine(repo, Catalog));
        var index = await File.ReadAllTextAsync(Path.Combine(repo, Index));

        // The catalog's own entry lines, read here independently of the generator.
        var numbers = catalog.Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^(\d+)\. "))
            .Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        numbers.Should().Equal(Enumerable.Range(1, 56));
        foreach (var number in numbers)
        {
            index.Should().Contain($"<a id=\"scenario-{number}\"></a>\n### {number}. ", "fixtures/Allure links each scenario test to #scenario-{0}", number);
        }

        // Full titles: the last words of a long, multi-line entry are in the index, not cut off.
        index.Should().Contain("which the library turns into typed errors.");
    }

    private static string Repository() => SourceTree.Root(Generator);

    private static void CopyFile(string from, string to, string relative)
    {
        var target = Path.Combine(to, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(from, relative), target);
    }
}
