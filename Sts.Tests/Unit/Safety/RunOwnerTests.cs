using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Runs;

namespace Sts.Tests.Unit.Safety;

public sealed class RunOwnerTests
{
    [Test]
    public async Task A_run_is_alive_while_its_owner_lives_and_dead_after_it_is_killed()
    {
        var @base = Path.Combine(Path.GetTempPath(), $"sts-owner-test-{Guid.NewGuid():N}");
        await using var owner = await SleepingProcess.RunAsync();
        try
        {
            var run = RunContext.Create(@base, owner.Pid);
            var record = RunOwner.Read(run.WorkDirectory)!;
            record.Id.Should().Be(run.Id);
            record.Pid.Should().Be(owner.Pid);
            record.PidStartTicks.Should().NotBeNull();
            record.IsAlive().Should().BeTrue();

            await owner.KillAsync();

            record.IsAlive().Should().BeFalse();
        }
        finally
        {
            Directory.Delete(@base, recursive: true);
        }
    }

    [Test]
    public void A_recycled_pid_is_not_mistaken_for_the_owner()
    {
        var self = RunOwner.Read(RunContext.Current.WorkDirectory)!;
        self.IsAlive().Should().BeTrue();

        (self with { PidStartTicks = self.PidStartTicks + 1 }).IsAlive().Should().BeFalse("same pid, another process start");
        (self with { Host = "another-machine" }).IsAlive().Should().BeTrue("a run of another machine is never judged dead from here");
    }

    [Test]
    public void A_directory_without_a_readable_owner_is_not_a_run()
    {
        var directory = Directory.CreateTempSubdirectory("sts-owner-test-").FullName;
        try
        {
            RunOwner.Read(directory).Should().BeNull();
            File.WriteAllText(Path.Combine(directory, RunOwner.FileName), "{not json");
            RunOwner.Read(directory).Should().BeNull();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
