using NUnit.Framework;

namespace Sts.Tests.Unit.Fixtures.AllureProbes.SetUpFixtureFailure;

/// <summary>A set-up fixture that fails: every fixture of its namespace is reported without running.</summary>
[SetUpFixture]
public sealed class FailingSetUpFixture
{
    public const string Failure = "probe set-up fixture failed";

    [OneTimeSetUp]
    public void Prepare()
    {
        AllureProbes.OnlyInsideTheSelfTest();
        throw new InvalidOperationException(Failure);
    }
}
