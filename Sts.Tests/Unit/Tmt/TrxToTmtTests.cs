using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Host;

namespace Sts.Tests.Unit.Tmt;

/// <summary>
/// tmt/trx-to-tmt, the custom-results writer of the tmt area tests, on real trx files
/// (TestData/tmt, see its README): one tmt result per NUnit test, with the outcome the trx gives,
/// a known issue as info, a skip with its reason, logs inside the data directory.
/// </summary>
public sealed partial class TrxToTmtTests
{
    private static string Captured(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "tmt", name);
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private sealed record Entry(string Name, string Result, string? Note, IReadOnlyList<string> Logs, string? Kernel);

    private static string Script() => SourceTree.PathOf("tmt/trx-to-tmt");

    private static async Task<(List<Entry> Entries, string Data)> ConvertAsync(int exitStatus, string trx)
    {
        if (Tools.Find("python3") is null)
        {
            Assert.Ignore("python3 is not installed");
        }

        var data = Directory.CreateTempSubdirectory("sts-tmt-").FullName;
        await new Command("python3").WithArguments(Script(), "--data", data, "--trx", trx,
            "--kernel", "6.1.0-57-amd64", "--exit-status", exitStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExecuteAsync();
        return (Parse(File.ReadAllLines(Path.Combine(data, "results.yaml"))), data);
    }

    // results.yaml as the writer lays it out: "- name:" opens an entry; scalars are JSON strings.
    private static List<Entry> Parse(string[] lines)
    {
        var entries = new List<Entry>();
        string? name = null, result = null, note = null, kernel = null, list = null;
        var logs = new List<string>();
        void Flush()
        {
            if (name is not null)
            {
                entries.Add(new Entry(name, result!, note, logs, kernel));
            }
        }

        foreach (var line in lines)
        {
            var match = Line().Match(line);
            match.Success.Should().BeTrue($"every line is a key or a list item: {line}");
            var (key, value) = (match.Groups["key"].Value, match.Groups["value"].Value);
            var text = value.Length > 0 ? JsonSerializer.Deserialize<string>(value) : null;
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                Flush();
                (name, result, note, kernel, logs) = (text, null, null, null, []);
            }
            else if (key.Length == 0 && list == "log")
            {
                logs.Add(text!);
            }
            else if (key.Length == 0 && list == "note")
            {
                note = text;
            }

            if (key.Length > 0 && text is null)
            {
                list = key;
            }

            switch (key)
            {
                case "result": result = text; break;
                case "kernel": kernel = text; break;
            }
        }

        Flush();
        return entries;
    }

    [GeneratedRegex("""^(?:- |  |    )(?:- )?(?:(?<key>[a-z-]+):)? ?(?<value>".*")?$""")]
    private static partial Regex Line();

    [TestCase("basic-targets-6.1.trx")]
    [TestCase("probes.trx")]
    public async Task Every_NUnit_test_of_the_trx_becomes_one_tmt_result_with_its_outcome(string file)
    {
        var trx = XDocument.Load(Captured(file));
        var classes = trx.Descendants(Ns + "UnitTest").ToDictionary(t => (string)t.Attribute("id")!,
            t => ((string)t.Element(Ns + "TestMethod")!.Attribute("className")!).Replace("Sts.Tests.", string.Empty, StringComparison.Ordinal));
        var expected = trx.Descendants(Ns + "UnitTestResult").ToDictionary(
            r => $"/{classes[(string)r.Attribute("testId")!]}/{(string)r.Attribute("testName")!}",
            r => (string)r.Attribute("outcome")!);
        expected.Should().HaveCountGreaterThan(10);

        var (entries, data) = await ConvertAsync(exitStatus: 0, Captured(file));
        try
        {
            entries.Select(e => e.Name).Should().BeEquivalentTo(expected.Keys, "one tmt result per NUnit test, named /class/test");
            foreach (var entry in entries)
            {
                var outcome = expected[entry.Name];
                var known = outcome == "NotExecuted" && entry.Note is { } n && n.StartsWith("Known ", StringComparison.Ordinal);
                entry.Result.Should().Be(outcome switch
                {
                    "Passed" => "pass",
                    "Failed" => "fail",
                    "NotExecuted" when known => "info",
                    "NotExecuted" => "skip",
                    _ => "error",
                }, entry.Name);
                entry.Kernel.Should().Be("6.1.0-57-amd64");
                entry.Logs.Should().ContainSingle().Which.Should().StartWith("sts/tests/");
                File.ReadAllText(Path.Combine(data, entry.Logs[0])).Should().Contain(entry.Name.Split('/').Last());
            }

            entries.Should().Contain(e => e.Result == "info" && e.Note!.StartsWith("Known kernel issue on kernel ", StringComparison.Ordinal),
                "each captured run reproduced a known kernel issue");
            entries.Where(e => e.Result == "skip").Should().OnlyContain(e => !string.IsNullOrEmpty(e.Note), "a skip says why");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Test]
    public async Task A_suite_that_failed_without_a_failed_test_or_without_a_trx_adds_a_failing_result_for_the_tmt_test_itself()
    {
        // The captured run with its failed and skipped results taken out: a run whose tests all passed.
        var trx = XDocument.Load(Captured("probes.trx"));
        trx.Descendants(Ns + "UnitTestResult").Where(r => (string)r.Attribute("outcome")! != "Passed").Remove();
        var passed = Path.Combine(Directory.CreateTempSubdirectory("sts-trx-").FullName, "passed.trx");
        trx.Save(passed);
        try
        {
            var (clean, cleanData) = await ConvertAsync(exitStatus: 0, passed);
            Directory.Delete(cleanData, recursive: true);
            clean.Should().NotContain(e => e.Name == "/").And.OnlyContain(e => e.Result == "pass");

            var (leaked, leakedData) = await ConvertAsync(exitStatus: 1, passed);
            Directory.Delete(leakedData, recursive: true);
            leaked.Should().ContainSingle(e => e.Name == "/").Which.Result.Should().Be("fail");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(passed)!, recursive: true);
        }

        var (missing, empty) = await ConvertAsync(exitStatus: 3, "/nonexistent/suite.trx");
        Directory.Delete(empty, recursive: true);
        missing.Should().ContainSingle().Which.Should().Match<Entry>(e => e.Name == "/" && e.Result == "error" && e.Note!.Contains("no test results"));
    }
}
