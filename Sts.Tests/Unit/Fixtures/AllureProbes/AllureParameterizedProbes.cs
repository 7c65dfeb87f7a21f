using NUnit.Framework;

namespace Sts.Tests.Unit.Fixtures.AllureProbes;

/// <summary>A fixture run twice with different arguments: two results, told apart by their parameters.</summary>
[TestFixture("first")]
[TestFixture("second")]
public sealed class AllureParameterizedProbes(string instance)
{
    [Test]
    public void Runs_once_per_fixture_argument() => Assert.That(instance, Is.Not.Empty);
}
