using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;

namespace Sts.Tests.Unit.Commands;

public sealed class CommandJournalTests
{
    [Test]
    public async Task Commands_run_since_a_position_are_in_the_journal_with_exit_code_and_output()
    {
        var start = CommandJournal.Position;
        var marker = Guid.NewGuid().ToString("N");

        await new Command("echo").WithArguments(marker).ExecuteAsync();
        await new Command("sh").WithArguments("-c", $"echo {marker}-err >&2; exit 3").WithValidation(CommandValidation.None).ExecuteAsync();

        var entries = CommandJournal.Since(start).Where(e => e.CommandLine.Contains(marker, StringComparison.Ordinal)).ToList();
        entries.Should().HaveCount(2);
        entries[0].ExitCode.Should().Be(0);
        entries[0].StandardOutput.TrimEnd().Should().Be(marker);
        entries[1].ExitCode.Should().Be(3);
        entries[1].StandardError.Should().Contain($"{marker}-err");
        entries[1].ToString().Should().StartWith("$ sh -c").And.Contain("# exit 3");
        entries[1].Position.Should().BeGreaterThan(entries[0].Position);
    }

    [Test]
    public async Task A_command_killed_by_its_timeout_is_journaled_without_an_exit_code()
    {
        var start = CommandJournal.Position;
        var act = () => new Command("sleep").WithArguments("30").WithTimeout(TimeSpan.FromMilliseconds(200)).ExecuteAsync();

        await act.Should().ThrowAsync<CommandTimeoutException>();

        CommandJournal.Since(start).Should().Contain(e => e.CommandLine == "sleep 30" && e.ExitCode == null);
    }
}
