using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Fixtures.Logging;

namespace Sts.Tests.Unit.Fixtures;

/// <summary>The run's compact JSON log: one event per line, queryable by program and test.</summary>
public sealed class TestLoggingTests
{
    [Test]
    public async Task A_command_a_test_runs_is_in_the_CLEF_log_with_its_program_and_the_test_name()
    {
        var marker = Guid.NewGuid().ToString("N");
        await new Command("printf").WithArguments("%s", marker).ExecuteAsync();

        var events = ReadEvents(TestLogging.ClefFile!);

        var finished = events.Where(e => e.TryGetProperty("ExitCode", out _)
            && e.GetProperty("Arguments").EnumerateArray().Any(a => a.GetString() == marker)).Should().ContainSingle().Subject;
        finished.GetProperty("Program").GetString().Should().Be("printf");
        finished.GetProperty("Test").GetString().Should().Be(TestContext.CurrentContext.Test.FullName);
        finished.GetProperty("@t").GetString().Should().NotBeNullOrEmpty();
    }

    private static List<JsonElement> ReadEvents(string path)
    {
        // The sink keeps the file open for writing: share it.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        var events = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            events.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        return events;
    }
}
