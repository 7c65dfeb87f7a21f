using FluentAssertions;
using NUnit.Framework;

namespace Sts.Tests.Fuzz;

/// <summary>
/// Replays the kept regression inputs, TestData/fuzz/&lt;target&gt;/*.txt (each file one input,
/// byte for byte): inputs the fuzzer or issue 13 found, minimised. Each must now keep every
/// property of its target.
/// </summary>
[TestFixture, Category("Fuzz")]
public sealed class FuzzCorpusTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz");

    private static IEnumerable<TestCaseData> Inputs() =>
        Directory.Exists(Corpus)
            ? Directory.GetFiles(Corpus, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => new TestCaseData(Path.GetRelativePath(Corpus, f)).SetArgDisplayNames(Path.GetRelativePath(Corpus, f)))
            : [];

    [Test]
    public void The_corpus_holds_inputs_and_names_only_known_targets()
    {
        var directories = Directory.GetDirectories(Corpus).Select(Path.GetFileName).ToList();
        directories.Should().NotBeEmpty();
        directories.Should().BeSubsetOf(FuzzTargets.All.Select(t => t.Name));
    }

    [TestCaseSource(nameof(Inputs))]
    public void A_kept_regression_input_keeps_every_property(string file)
    {
        var target = FuzzTargets.Named(Path.GetDirectoryName(file)!);
        var input = File.ReadAllText(Path.Combine(Corpus, file));
        FuzzRunner.Check(target, input).Should().BeNull($"{file} ({Mutator.Literal(input)}) must keep every property of {target.Name}");
    }
}
