using NUnit.Framework;
using Sts.Fixtures;

namespace Sts.Tests.Unit.Results.Probes;

/// <summary>
/// Tests with every outcome the recorder maps (pass, failure, known issue, skip with a reason,
/// hang): <see cref="ResultRecordingTests"/> runs them in two child <c>dotnet test</c> processes
/// at once and reads what they recorded. They run only there (STS_RECORDER_PROBE=outcomes);
/// anywhere else they are ignored. The child processes wait for each other at the start, so
/// their writes to the store overlap.
/// </summary>
public sealed class RecorderOutcomeProbes
{
    public const string Variable = "STS_RECORDER_PROBE";
    public const string DirectoryVariable = "STS_RECORDER_PROBE_DIR";
    public const string Mode = "outcomes";
    public const int PassCount = 20;
    public const string FailureText = "probe failure: the recorder must store this message";
    public const string OutputText = "probe output: the recorder must store this log line";
    public const string SkipReason = "probe skip: a prerequisite this probe pretends is missing";
    public const string KnownIssueSummary = "probe: a known issue of dotnet that every version below 999 has";

    [OneTimeSetUp]
    public void WaitForTheOtherProcess()
    {
        if (Environment.GetEnvironmentVariable(Variable) != Mode || Environment.GetEnvironmentVariable(DirectoryVariable) is not { Length: > 0 } directory)
        {
            return;
        }

        File.WriteAllText(Path.Combine(directory, $"ready-{Environment.ProcessId}"), string.Empty);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (Directory.GetFiles(directory, "ready-*").Length < 2 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }
    }

    [SetUp]
    public void OnlyInsideTheRecordingTest()
    {
        if (Environment.GetEnvironmentVariable(Variable) != Mode)
        {
            Assert.Ignore($"a probe for the result recorder; it runs only in ResultRecordingTests ({Variable}={Mode})");
        }
    }

    [Test]
    public void Passes([Range(1, PassCount)] int n) => Assert.That(n, Is.Positive);

    [Test]
    public void Fails()
    {
        TestContext.Out.WriteLine(OutputText);
        Assert.Fail(FailureText);
    }

    [Test]
    [KnownToolIssue(KnownIssueSummary, "dotnet", "999.0", "--version")]
    public void Fails_as_a_known_issue_predicts() => Assert.Fail(FailureText);

    [Test]
    public void Is_skipped_with_a_reason() => Assert.Ignore(SkipReason);

    [Test]
    [Destructive]
    [TimeLimit(1)]
    public void Hangs_past_its_time_limit() => Thread.Sleep(TimeSpan.FromSeconds(3));
}
