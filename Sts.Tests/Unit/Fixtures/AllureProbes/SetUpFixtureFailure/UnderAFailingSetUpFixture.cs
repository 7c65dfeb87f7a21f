using NUnit.Framework;

namespace Sts.Tests.Unit.Fixtures.AllureProbes.SetUpFixtureFailure;

/// <summary>Tests under <see cref="FailingSetUpFixture"/>: they never run when it fails.</summary>
public sealed class UnderAFailingSetUpFixture
{
    [Test]
    public void Never_runs()
    {
    }

    [Test]
    public void Never_runs_either()
    {
    }
}
