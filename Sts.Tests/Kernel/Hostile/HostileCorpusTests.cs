using FluentAssertions;
using NUnit.Framework;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>The corpus itself, checked on any machine: big enough, every category present, no two cases alike.</summary>
[TestFixture]
public sealed class HostileCorpusTests
{
    [Test]
    public void The_corpus_has_at_least_200_cases_in_every_category_with_unique_descriptions_and_inputs()
    {
        HostileCorpus.All.Should().HaveCountGreaterThanOrEqualTo(200);
        HostileCorpus.All.Select(c => c.Category).Distinct().Should().BeEquivalentTo(Enum.GetValues<HostileCategory>());
        HostileCorpus.All.Select(c => (c.Category, c.Description)).Should().OnlyHaveUniqueItems();
        HostileCorpus.All.GroupBy(c => c.Category).Should().AllSatisfy(category => category.Count().Should().BeGreaterThanOrEqualTo(20));
    }
}
