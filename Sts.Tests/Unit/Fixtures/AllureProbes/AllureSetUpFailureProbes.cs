using NUnit.Framework;

namespace Sts.Tests.Unit.Fixtures.AllureProbes;

/// <summary>A fixture whose one-time set-up fails: NUnit reports its tests without running them.</summary>
public sealed class AllureSetUpFailureProbes
{
    public const string Failure = "probe one-time set-up failed";

    [OneTimeSetUp]
    public void Prepare()
    {
        AllureProbes.OnlyInsideTheSelfTest();
        throw new InvalidOperationException(Failure);
    }

    [Test]
    public void Never_runs_first()
    {
    }

    [TestCase("a")]
    [TestCase("b")]
    public void Never_runs_with_an_argument(string value) => Assert.That(value, Is.Not.Empty);
}
