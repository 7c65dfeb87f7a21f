using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;

namespace Sts.Tests.Unit.Commands;

/// <summary>Standard output read as a stream while the command runs, instead of being collected.</summary>
public sealed class CommandOutputReaderTests
{
    private string _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = Directory.CreateTempSubdirectory("sts-cmd-").FullName;

    [TearDown]
    public void RemoveScratch() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public async Task The_reader_gets_the_output_while_the_program_still_runs()
    {
        // The program waits for a file that the reader creates only after it read the first line:
        // if the output were collected until the program exits, neither could go on.
        var go = Path.Combine(_scratch, "go");
        var lines = new List<string>();
        var result = await new Command("bash")
            .WithArguments("-c", "echo first; while [ ! -e \"$1\" ]; do sleep 0.05; done; echo second", "bash", go)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithStandardOutputReader(async (stream, cancellationToken) =>
            {
                using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
                lines.Add((await reader.ReadLineAsync(cancellationToken))!);
                await File.WriteAllTextAsync(go, "", cancellationToken);
                lines.Add((await reader.ReadLineAsync(cancellationToken))!);
            })
            .ExecuteAsync();

        lines.Should().Equal("first", "second");
        result.StandardOutput.Should().BeEmpty("the output went to the reader, not into the result");
    }

    [Test]
    public async Task A_reader_that_stops_early_does_not_block_the_program()
    {
        // 16 MB is far more than a pipe holds: the rest must be discarded for the program to finish.
        var result = await new Command("head").WithArguments("-c", "16000000", "/dev/zero")
            .WithTimeout(TimeSpan.FromMinutes(1))
            .WithStandardOutputReader((stream, _) => Task.FromResult(stream.ReadByte()))
            .ExecuteAsync();

        result.ExitCode.Should().Be(0);
    }

    [Test]
    public async Task A_reader_may_close_the_stream_it_was_given()
    {
        string? first = null;
        var result = await new Command("printf").WithArguments("one\\ntwo\\n")
            .WithStandardOutputReader(async (stream, cancellationToken) =>
            {
                using var reader = new StreamReader(stream);
                first = await reader.ReadLineAsync(cancellationToken);
            })
            .ExecuteAsync();

        result.ExitCode.Should().Be(0);
        first.Should().Be("one");
    }

    [Test]
    public async Task A_reader_failure_is_rethrown_once_the_program_has_succeeded()
    {
        var command = new Command("bash").WithArguments("-c", "echo not what the reader expects")
            .WithStandardOutputReader((_, _) => throw new InvalidDataException("unexpected output"));

        await FluentActions.Awaiting(() => command.ExecuteAsync())
            .Should().ThrowAsync<InvalidDataException>().WithMessage("unexpected output");
    }

    [Test]
    public async Task A_failing_program_is_reported_before_the_failure_of_its_reader()
    {
        var command = new Command("bash").WithArguments("-c", "echo '<trunc'; echo 'no such device' >&2; exit 3")
            .WithStandardOutputReader((_, _) => throw new InvalidDataException("truncated"));

        var failure = await FluentActions.Awaiting(() => command.ExecuteAsync()).Should().ThrowAsync<CommandFailedException>();

        failure.Which.ExitCode.Should().Be(3);
        failure.Which.StandardError.Should().Be("no such device\n");
        failure.Which.InnerException.Should().BeOfType<InvalidDataException>();
    }
}
