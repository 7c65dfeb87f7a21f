using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using NUnit.Framework;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Sts.Core.Commands;

namespace Sts.Tests.Unit.Commands;

/// <summary>Running commands: exit codes, errors, timeouts and cancellation that kill whole trees.</summary>
public sealed class CommandExecutionTests
{
    private string _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = Directory.CreateTempSubdirectory("sts-cmd-").FullName;

    [TearDown]
    public void RemoveScratch() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public async Task A_non_zero_exit_throws_a_typed_error_with_the_command_line_exit_code_and_stderr()
    {
        var command = new Command("bash").WithArguments("-c", "echo 'device busy' >&2; exit 3", "my arg");

        var failure = await FluentActions.Awaiting(() => command.ExecuteAsync())
            .Should().ThrowAsync<CommandFailedException>();

        failure.Which.ExitCode.Should().Be(3);
        failure.Which.StandardError.Should().Be("device busy\n");
        failure.Which.Command.Should().BeSameAs(command);
        failure.Which.Message.Should().Contain("bash -c").And.Contain("'my arg'").And.Contain("code 3").And.Contain("device busy");
    }

    [Test]
    public async Task With_validation_off_the_exit_code_is_data()
    {
        var result = await new Command("bash").WithArguments("-c", "echo out; echo err >&2; exit 5")
            .WithValidation(CommandValidation.None).ExecuteAsync();

        result.ExitCode.Should().Be(5);
        result.IsSuccess.Should().BeFalse();
        result.StandardOutput.Should().Be("out\n");
        result.StandardError.Should().Be("err\n");
        result.Duration.Should().BePositive();
    }

    [Test]
    public async Task A_missing_program_throws_a_start_error_naming_it()
    {
        var failure = await FluentActions.Awaiting(() => new Command("sts-no-such-program").ExecuteAsync())
            .Should().ThrowAsync<CommandStartException>();

        failure.Which.Message.Should().Contain("sts-no-such-program");
    }

    [Test]
    public async Task Environment_and_working_directory_are_applied_to_the_child_only()
    {
        var result = await new Command("bash").WithArguments("-c", "printf '%s|%s|%s' \"$STS_X\" \"${HOME-unset}\" \"$PWD\"")
            .WithEnvironment("STS_X", "va lue;$(id)").WithEnvironment("HOME", null).WithWorkingDirectory(_scratch)
            .ExecuteAsync();

        result.StandardOutput.Should().Be($"va lue;$(id)|unset|{_scratch}");
        Environment.GetEnvironmentVariable("STS_X").Should().BeNull();
    }

    [Test]
    public async Task A_timeout_kills_the_whole_process_tree_including_grandchildren()
    {
        var pidFile = Path.Combine(_scratch, "grandchild.pid");
        // bash starts a background grandchild, records its pid, then blocks: both must die.
        var command = new Command("bash")
            .WithArguments("-c", "sleep 300 & echo $! > \"$1\"; echo started; sleep 300", "bash", pidFile)
            .WithTimeout(TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        var failure = await FluentActions.Awaiting(() => command.ExecuteAsync()).Should().ThrowAsync<CommandTimeoutException>();

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
        failure.Which.StandardOutput.Should().Be("started\n", "output written before the kill is kept");
        failure.Which.Message.Should().Contain("did not finish within 1 s");
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        IsRunning(grandchild).Should().BeFalse("the grandchild sleep must be killed with its parent");
    }

    [Test]
    public async Task A_child_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        var command = new Command("bash").WithArguments("-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done")
            .WithTimeout(TimeSpan.FromMilliseconds(500)).WithKillGracePeriod(TimeSpan.FromMilliseconds(300));

        await FluentActions.Awaiting(() => command.ExecuteAsync()).Should().ThrowAsync<CommandTimeoutException>();
    }

    [Test]
    public async Task A_timeout_kills_a_descendant_that_daemonised_and_left_the_tree()
    {
        var pidFile = Path.Combine(_scratch, "daemon.pid");
        // The subshell starts sleep in a session of its own and exits at once: sleep is reparented
        // to init, so it is no longer a descendant of the command's process when the timeout hits.
        var command = new Command("bash")
            .WithArguments("-c", "(setsid sleep 300 & echo $! > \"$1\"); echo started; sleep 300", "bash", pidFile)
            .WithTimeout(TimeSpan.FromSeconds(1));

        await FluentActions.Awaiting(() => command.ExecuteAsync()).Should().ThrowAsync<CommandTimeoutException>();

        var daemon = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        IsRunning(daemon).Should().BeFalse("a daemonised descendant must be killed with the rest of the command");
    }

    [Test]
    public async Task Cancellation_kills_the_process_and_surfaces_as_cancellation_not_timeout()
    {
        var pidFile = Path.Combine(_scratch, "child.pid");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var command = new Command("bash").WithArguments("-c", "echo $$ > \"$1\"; sleep 300", "bash", pidFile)
            .WithTimeout(TimeSpan.FromMinutes(5));

        await FluentActions.Awaiting(() => command.ExecuteAsync(cancellationToken: cancellation.Token))
            .Should().ThrowAsync<OperationCanceledException>();

        var child = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        IsRunning(child).Should().BeFalse();
    }

    [Test]
    public async Task A_program_that_does_not_read_its_input_still_completes()
    {
        var input = new byte[4 * 1024 * 1024]; // more than a pipe holds
        var result = await new Command("true").WithStandardInput(input).ExecuteAsync();

        result.ExitCode.Should().Be(0);
    }

    [Test]
    public async Task Large_output_on_both_streams_is_captured_without_deadlock()
    {
        var result = await new Command("bash")
            .WithArguments("-c", "head -c 3000000 /dev/zero | tr '\\0' o; head -c 3000000 /dev/zero | tr '\\0' e >&2")
            .WithTimeout(TimeSpan.FromMinutes(1)).ExecuteAsync();

        result.StandardOutput.Should().HaveLength(3_000_000);
        result.StandardError.Should().HaveLength(3_000_000);
    }

    [Test]
    public async Task Every_command_is_logged_with_structured_program_arguments_and_exit_code()
    {
        var sink = new CollectingSink();
        var executor = new LocalCommandExecutor(new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger());

        await new Command("printf").WithArguments("%s", "x y").WithValidation(CommandValidation.None).ExecuteAsync(executor);

        var finished = sink.Events.Should().ContainSingle(e => e.Properties.ContainsKey("ExitCode")).Subject;
        finished.Properties["Program"].ToString().Should().Be("\"printf\"");
        finished.Properties["Arguments"].Should().BeOfType<SequenceValue>()
            .Which.Elements.Select(e => e.ToString()).Should().Equal("\"%s\"", "\"x y\"");
        finished.Properties["ExitCode"].ToString().Should().Be("0");
        finished.Properties.Should().ContainKey("DurationMs");
    }

    private static bool IsRunning(int pid)
    {
        // Give the kernel a moment to deliver SIGKILL; a zombie counts as dead.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return false;
            }

            var state = File.ReadAllText(stat);
            if (state[(state.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return false;
            }

            Thread.Sleep(100);
        }

        return true;
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent)
        {
            lock (Events)
            {
                Events.Add(logEvent);
            }
        }
    }
}
