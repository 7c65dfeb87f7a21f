using System.Text.Json;
using System.Xml.Linq;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Host;
using Sts.Fixtures.Allure;
using Sts.Tests.Unit.Fixtures.AllureProbes;
using Sts.Tests.Unit.Fixtures.AllureProbes.SetUpFixtureFailure;

namespace Sts.Tests.Unit.Fixtures;

/// <summary>
/// The Allure writer end to end: a child <c>dotnet test</c> runs the probes (every outcome, a
/// fixture whose one-time set-up throws, a set-up fixture that throws) with
/// <c>[assembly: AllureResults]</c> writing into a fresh directory; this test reads the files
/// back and compares them with the child's trx.
/// </summary>
public sealed class AllureResultsTests
{
    private static string _directory = string.Empty;
    private static List<JsonElement> _results = [];
    private static List<JsonElement> _containers = [];
    private static List<(string Name, string Outcome)> _trx = [];

    [OneTimeSetUp]
    public async Task RunTheProbes()
    {
        _directory = Directory.CreateTempSubdirectory("sts-allure-").FullName;
        var dll = typeof(AllureProbes.AllureProbes).Assembly.Location;
        var run = await new Command("dotnet")
            .WithArguments("test", dll, "--filter", $"FullyQualifiedName~{typeof(AllureProbes.AllureProbes).Namespace}",
                "--logger", "trx;LogFileName=probes.trx", "--results-directory", _directory)
            .WithEnvironment(AllureProbes.AllureProbes.Variable, "1")
            .WithEnvironment(AllureResultsAttribute.Variable, Path.Combine(_directory, "allure-results"))
            .WithEnvironment("STS_ARTIFACTS", Path.Combine(_directory, "artifacts"))
            .WithValidation(CommandValidation.None)
            .WithTimeout(TimeSpan.FromMinutes(5))
            .ExecuteAsync();
        TestContext.Out.WriteLine(run.StandardOutput);
        run.ExitCode.Should().NotBe(0, "probes fail");

        var trx = XDocument.Load(Path.Combine(_directory, "probes.trx"));
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        _trx = trx.Descendants(ns + "UnitTestResult").Select(r => ((string)r.Attribute("testName")!, (string)r.Attribute("outcome")!)).ToList();
        var results = Path.Combine(_directory, "allure-results");
        _results = Directory.GetFiles(results, "*-result.json")
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToList();
        _containers = Directory.GetFiles(results, "*-container.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToList();
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_directory.Length > 0)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string FullName(JsonElement result) => result.GetProperty("fullName").GetString()!;

    private static JsonElement Result(string name) =>
        _results.Should().ContainSingle(r => FullName(r).EndsWith("." + name, StringComparison.Ordinal), name).Subject;

    private static string? Message(JsonElement result) =>
        result.TryGetProperty("statusDetails", out var details) && details.TryGetProperty("message", out var message) ? message.GetString() : null;

    [Test]
    public void Every_test_the_trx_reports_has_one_result_including_those_a_failed_set_up_never_ran()
    {
        _trx.Should().HaveCount(20);
        _results.Select(r => FullName(r).Split('.').Last()).Should().BeEquivalentTo(_trx.Select(t => t.Name), "one result per test of the trx, by name");
        Result("AllureParameterizedProbes(\"first\").Runs_once_per_fixture_argument").GetProperty("parameters").EnumerateArray()
            .Should().Contain(p => p.GetProperty("name").GetString() == "instance" && p.GetProperty("value").GetString() == "first");
        Result("Never_runs_first").GetProperty("status").GetString().Should().Be("broken");
        Message(Result("Never_runs_first")).Should().Contain("OneTimeSetUp").And.Contain(AllureSetUpFailureProbes.Failure);
        Message(Result("Never_runs_with_an_argument(\"b\")")).Should().Contain(AllureSetUpFailureProbes.Failure);
        Message(Result("Never_runs_either")).Should().Contain(FailingSetUpFixture.Failure);
        Result("Never_runs").GetProperty("status").GetString().Should().Be("broken");
    }

    [Test]
    public void Statuses_are_mapped_so_that_the_counts_equal_the_trx()
    {
        var expected = new Dictionary<string, (string Status, string Trx)>
        {
            ["Passes_after_running_a_command"] = ("passed", "Passed"),
            ["Fails_an_assertion"] = ("failed", "Failed"),
            ["Throws"] = ("broken", "Failed"),
            ["Fails_as_a_known_kernel_issue_predicts"] = ("skipped", "NotExecuted"),
            ["Finds_a_kernel_warning"] = ("failed", "Failed"),
            ["Hangs"] = ("failed", "Failed"),
            ["Misses_a_prerequisite"] = ("skipped", "NotExecuted"),
        };
        foreach (var (name, (status, trx)) in expected)
        {
            Result(name).GetProperty("status").GetString().Should().Be(status, name);
            _trx.Single(t => t.Name == name).Outcome.Should().Be(trx, name);
        }

        var known = Result("Fails_as_a_known_kernel_issue_predicts").GetProperty("statusDetails");
        known.GetProperty("known").GetBoolean().Should().BeTrue();
        known.GetProperty("muted").GetBoolean().Should().BeTrue();
        known.GetProperty("message").GetString().Should().StartWith($"Known kernel issue on kernel {HostInfo.KernelRelease}: probe bug")
            .And.Contain("probe known failure");
        Message(Result("Finds_a_kernel_warning")).Should().Contain("WARNING: CPU: 0 PID: 1 at probe.c:1");
        Message(Result("Misses_a_prerequisite")).Should().Be("Prerequisite missing: probe device");
    }

    [Test]
    public void A_result_carries_the_suite_hierarchy_categories_scenario_parameters_and_the_commands_as_steps()
    {
        var scenario = Result("Passes_as_a_scenario");
        var labels = scenario.GetProperty("labels").EnumerateArray()
            .Select(l => (l.GetProperty("name").GetString(), l.GetProperty("value").GetString())).ToList();
        labels.Should().Contain(("parentSuite", "Sts.Tests")).And.Contain(("suite", typeof(AllureProbes.AllureProbes).Namespace))
            .And.Contain(("subSuite", nameof(AllureProbes.AllureProbes))).And.Contain(("tag", "Probe"))
            .And.Contain(("scenario", "17"));
        scenario.GetProperty("links").EnumerateArray().Should().ContainSingle(l => l.GetProperty("url").GetString()!.EndsWith("scenario-17", StringComparison.Ordinal));
        var parameters = Result("Passes_with_an_argument(2)").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString());
        parameters.Should().Contain("number", "2").And.Contain("kernel", HostInfo.KernelRelease).And.ContainKeys("backend", "tools generation");

        // Allure keys history on the parameters' values: cases must never display alike.
        var shown = _results.Where(r => FullName(r).Contains(".Passes_with_arguments_that_once_displayed_alike(", StringComparison.Ordinal))
            .Select(r => string.Join(" | ", r.GetProperty("parameters").EnumerateArray()
                .Where(p => p.GetProperty("name").GetString() is "text" or "words").Select(p => p.GetProperty("value").GetString())))
            .ToList();
        shown.Should().BeEquivalentTo(["null | [\"--bogus\"]", "\"\" | [\"--bogus\"]", "\"\" | [\"--bogus=1\"]"]);

        var command = Result("Passes_after_running_a_command");
        command.GetProperty("steps").EnumerateArray().Should().ContainSingle(s => s.GetProperty("name").GetString() == "$ true"
            && s.GetProperty("status").GetString() == "passed");
        var attachments = command.GetProperty("attachments").EnumerateArray().ToList();
        attachments.Should().Contain(a => a.GetProperty("name").GetString() == "commands the test ran");
        foreach (var attachment in attachments)
        {
            File.ReadAllText(Path.Combine(_directory, "allure-results", attachment.GetProperty("source").GetString()!)).Should().Contain("true");
        }
    }

    [Test]
    public void Fixture_set_up_and_tear_down_are_container_befores_and_afters_with_the_failure()
    {
        var uuids = _results.ToDictionary(r => r.GetProperty("uuid").GetString()!, r => FullName(r).Split('.').Last());
        JsonElement Container(string suffix) => _containers.Should().ContainSingle(c => c.GetProperty("name").GetString()!.EndsWith(suffix, StringComparison.Ordinal)).Subject;

        var failing = Container("." + nameof(AllureSetUpFailureProbes));
        failing.GetProperty("children").EnumerateArray().Select(c => uuids[c.GetString()!]).Should().HaveCount(3);
        var before = failing.GetProperty("befores").EnumerateArray().Should().ContainSingle().Subject;
        before.GetProperty("name").GetString().Should().Be("OneTimeSetUp: Prepare");
        before.GetProperty("status").GetString().Should().Be("broken");
        Message(before).Should().Contain(AllureSetUpFailureProbes.Failure);

        var setUpFixture = Container("." + nameof(FailingSetUpFixture));
        setUpFixture.GetProperty("children").EnumerateArray().Select(c => uuids[c.GetString()!]).Should().BeEquivalentTo("Never_runs", "Never_runs_either");
        Message(setUpFixture.GetProperty("befores")[0]).Should().Contain(FailingSetUpFixture.Failure);

        var passing = Container("." + nameof(AllureProbes.AllureProbes));
        passing.GetProperty("children").GetArrayLength().Should().Be(13);
        passing.GetProperty("befores")[0].GetProperty("status").GetString().Should().Be("passed");
        passing.GetProperty("afters")[0].GetProperty("name").GetString().Should().Be("OneTimeTearDown: Done");
    }

    [Test]
    public void The_run_environment_and_categories_are_written()
    {
        var results = Path.Combine(_directory, "allure-results");
        File.ReadAllLines(Path.Combine(results, "environment.properties")).Should().Contain($"kernel={HostInfo.KernelRelease}")
            .And.Contain(l => l.StartsWith("tools=", StringComparison.Ordinal)).And.Contain(l => l.StartsWith("dm.driver=", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("host=", StringComparison.Ordinal));
        using var categories = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "categories.json")));
        categories.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should()
            .Contain(["Known kernel issues", "Known tool issues", "Kernel findings", "Hangs"]);
        File.Exists(Path.Combine(results, "executor.json")).Should().BeTrue();
    }
}
