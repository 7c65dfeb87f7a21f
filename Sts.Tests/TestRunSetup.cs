using NUnit.Framework;
using Sts.Core.Runs;
using Sts.Fixtures.Logging;
using Sts.Fixtures.Runs;

namespace Sts.Tests;

/// <summary>
/// Run-wide set-up: the log file every command and device operation is written to; reaping of
/// killed runs' leftovers at the start; the leak check at the end (a device or loop device the
/// run created and still present fails the run, named in $STS_ARTIFACTS/leaks.txt).
/// </summary>
[SetUpFixture]
public sealed class TestRunSetup
{
    [OneTimeSetUp]
    public async Task StartRun()
    {
        var file = TestLogging.Initialize(TestContext.CurrentContext.WorkDirectory);
        TestContext.Progress.WriteLine($"Sts log: {file} (CLEF: {TestLogging.ClefFile}); run {RunContext.Current.Id} in {RunContext.Current.WorkDirectory}");
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var reaped in await RunJanitor.ReapDeadRunsAsync(cancellationToken: limit.Token))
        {
            TestContext.Progress.WriteLine($"Reaped the leftovers of dead run {reaped.RunId}: {(reaped.IsEmpty ? "its directory" : reaped.ToString())}");
        }
    }

    [OneTimeTearDown]
    public async Task EndRun()
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var run = RunContext.Current;
            var leftovers = await RunJanitor.FindLeftoversAsync(run.Id, run.WorkDirectory, cancellationToken: limit.Token);
            if (!leftovers.IsEmpty)
            {
                var report = $"Leaked by run {run.Id} (still present at the end of the run):\n{leftovers}\n";
                if (Environment.GetEnvironmentVariable("STS_ARTIFACTS") is { Length: > 0 } artifacts)
                {
                    Directory.CreateDirectory(artifacts);
                    await File.AppendAllTextAsync(Path.Combine(artifacts, "leaks.txt"), report);
                }

                TestContext.Progress.WriteLine(report);
                await RunJanitor.RemoveAsync(leftovers, cancellationToken: limit.Token);
                Assert.Fail(report);
            }

            if (!run.Complete())
            {
                TestContext.Progress.WriteLine($"Leftovers kept in {run.WorkDirectory}");
            }
        }
        finally
        {
            TestLogging.Close();
        }
    }
}
