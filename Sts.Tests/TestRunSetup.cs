using NUnit.Framework;
using Sts.Core.Runs;
using Sts.Fixtures.Logging;

namespace Sts.Tests;

/// <summary>Run-wide set-up: the log file every command and device operation is written to.</summary>
[SetUpFixture]
public sealed class TestRunSetup
{
    [OneTimeSetUp]
    public void StartLogging()
    {
        var file = TestLogging.Initialize(TestContext.CurrentContext.WorkDirectory);
        TestContext.Progress.WriteLine($"Sts log: {file}");
    }

    [OneTimeTearDown]
    public void EndRun()
    {
        if (!RunContext.Current.Complete())
        {
            TestContext.Progress.WriteLine($"Leftovers kept in {RunContext.Current.WorkDirectory}");
        }

        TestLogging.Close();
    }
}
