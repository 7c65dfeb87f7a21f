using NUnit.Framework;

namespace Sts.Tests.Unit.Results.Probes;

/// <summary>
/// A run to be killed half-way: two tests pass, the third writes its process id and blocks until
/// <see cref="ResultRecordingTests"/> kills the process. Runs only there (STS_RECORDER_PROBE=kill).
/// </summary>
// The three probes must run in this order (two finished results, then the kill); NUnit 5 marks
// [Order] obsolete in favour of dependencies between tests, which would skip, not order, them.
#pragma warning disable CS0618
public sealed class RecorderKillProbes
{
    public const string Mode = "kill";
    public const string PidFile = "blocked-pid";

    [SetUp]
    public void OnlyInsideTheRecordingTest()
    {
        if (Environment.GetEnvironmentVariable(RecorderOutcomeProbes.Variable) != Mode)
        {
            Assert.Ignore($"a probe for the result recorder; it runs only in ResultRecordingTests ({RecorderOutcomeProbes.Variable}={Mode})");
        }
    }

    [Test]
    [Order(1)]
    public void First_passes() => Assert.Pass();

    [Test]
    [Order(2)]
    public void Second_passes() => Assert.Pass();

    [Test]
    [Order(3)]
    public void Third_blocks_until_killed()
    {
        var directory = Environment.GetEnvironmentVariable(RecorderOutcomeProbes.DirectoryVariable)!;
        File.WriteAllText(Path.Combine(directory, PidFile + ".tmp"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(Path.Combine(directory, PidFile + ".tmp"), Path.Combine(directory, PidFile));
        Thread.Sleep(TimeSpan.FromMinutes(5));
    }
}
#pragma warning restore CS0618
