using FluentAssertions;
using NUnit.Framework;
using Sts.Cli;
using Sts.Core.Commands;
using Sts.Results.Model;
using Sts.Results.Store;

namespace Sts.Tests.Unit.Results;

/// <summary>The <c>sts</c> command on stores whose content each test writes itself.</summary>
public sealed class StsCliTests
{
    private const string Ns = "Sts.Tests.Scenarios.Thin.PoolTests";
    private static readonly DateTimeOffset Night = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("sts-cli-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    private string Store => Path.Combine(_directory, "results.db");

    [Test]
    public void Compare_lists_new_failures_first_then_fixed_newly_skipped_and_slower_and_exits_1_on_a_regression()
    {
        RecordRun("aaaa0001", "6.1.0-41", 0,
            ($"{Ns}.Create", TestOutcome.Passed, 1.0, null),
            ($"{Ns}.Discard", TestOutcome.Failed, 2.0, "expected 0 but was 1"),
            ($"{Ns}.Resize", TestOutcome.Passed, 2.0, null),
            ($"{Ns}.Snapshot", TestOutcome.Passed, 1.0, null),
            ($"{Ns}.Unchanged", TestOutcome.Passed, 1.0, null));
        RecordRun("bbbb0002", "6.12.95", 1,
            ($"{Ns}.Create", TestOutcome.Failed, 1.5, "thin_check found errors"),
            ($"{Ns}.Discard", TestOutcome.Passed, 2.0, null),
            ($"{Ns}.Resize", TestOutcome.Passed, 5.0, null),
            ($"{Ns}.Snapshot", TestOutcome.Skipped, 0.0, "needs thin_delta"),
            ($"{Ns}.Unchanged", TestOutcome.Passed, 1.0, null));

        var (status, output, _) = Sts("compare", "aaaa0001", "bbbb0002");
        status.Should().Be(1, "Create passed in the base run and fails in the new one");
        var lines = output.Split('\n');
        int Line(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Line("New failures (1)").Should().BePositive();
        Line("Fixed (1)").Should().BeGreaterThan(Line("New failures (1)"));
        Line("Newly skipped (1)").Should().BeGreaterThan(Line("Fixed (1)"));
        Line("Slower (1)").Should().BeGreaterThan(Line("Newly skipped (1)"));
        lines[Line($"{Ns}.Create ")].Should().Contain("passed → failed").And.Contain("1.00 s → 1.50 s").And.Contain("+0.50 s (+50 %)").And.Contain("thin_check found errors");
        lines[Line($"{Ns}.Discard ")].Should().Contain("failed → passed");
        lines[Line($"{Ns}.Snapshot ")].Should().Contain("passed → skipped").And.Contain("needs thin_delta");
        lines[Line($"{Ns}.Resize ")].Should().Contain("2.00 s → 5.00 s").And.Contain("+3.00 s (+150 %)");
        output.Should().NotContain($"{Ns}.Unchanged");
        output.Should().Contain("REGRESSION: 1 new failures, 1 fixed, 1 newly skipped, 1 slower (> 50 %), 0 still failing, 1 unchanged");

        Sts("compare", "bbbb0002", "aaaa0001").Status.Should().Be(1, "Discard passed in bbbb0002 and fails in aaaa0001");
        Sts("compare", "6.1.0-41", "6.1.0-41").Status.Should().Be(0, "a run has no regression against itself");
        Sts("compare", "aaaa0001", "bbbb0002", "--slower-by", "200").Output.Should().NotContain("Slower (", "150 % is below 200 %");
    }

    [Test]
    public void A_slower_test_fails_the_comparison_only_when_asked()
    {
        RecordRun("aaaa0001", "s", 0, ($"{Ns}.Resize", TestOutcome.Passed, 2.0, null));
        RecordRun("bbbb0002", "s", 1, ($"{Ns}.Resize", TestOutcome.Passed, 5.0, null));
        Sts("compare", "aaaa0001", "bbbb0002").Status.Should().Be(0);
        Sts("compare", "aaaa0001", "bbbb0002", "--fail-on-slower").Status.Should().Be(1);
    }

    [Test]
    public void Compare_writes_markdown_for_a_mail_or_a_ticket()
    {
        RecordRun("aaaa0001", "6.1", 0, ($"{Ns}.Create", TestOutcome.Passed, 1.0, null));
        RecordRun("bbbb0002", "6.12", 1, ($"{Ns}.Create", TestOutcome.Hang, 600.0, "Time limit of 600 s exceeded | by Create"));
        var (status, output, _) = Sts("compare", "aaaa0001", "bbbb0002", "--format", "markdown");
        status.Should().Be(1);
        output.Should().Contain("## Sts: 6.1 (aaaa0001) → 6.12 (bbbb0002)")
            .And.Contain("### New failures (1)")
            .And.Contain("| test | old → new | time | change | message |")
            .And.Contain($"| {Ns}.Create | passed → hang | 1.00 s → 600.0 s | +599.0 s (+59900 %) | Time limit of 600 s exceeded \\| by Create |");
    }

    [Test]
    public void Show_groups_a_run_by_area_with_failures_first()
    {
        RecordRun("aaaa0001", "s", 0,
            ("Sts.Tests.Scenarios.Cache.CacheTests.Resize", TestOutcome.Passed, 1.0, null),
            ("Sts.Tests.Scenarios.Thin.PoolTests.Create", TestOutcome.Passed, 1.0, null),
            ("Sts.Tests.Scenarios.Thin.PoolTests.Discard", TestOutcome.KernelFinding, 1.0, "Kernel health check failed:\n  WARNING"),
            ("Sts.Tests.Scenarios.Thin.PoolTests.Old", TestOutcome.KnownIssue, 1.0, "Known kernel issue on kernel 6.1: x"));
        var (status, output, _) = Sts("show", "aaaa0001");
        status.Should().Be(0);
        output.Should().Contain("2 passed, 1 known-issue, 1 kernel-finding (4 tests, 4.00 s)");
        output.IndexOf("Sts.Tests.Scenarios.Thin: 1 passed, 1 known-issue, 1 kernel-finding", StringComparison.Ordinal).Should()
            .BeLessThan(output.IndexOf("Sts.Tests.Scenarios.Cache: 1 passed", StringComparison.Ordinal), "the area with a failure comes first");
        output.IndexOf("kernel-finding  PoolTests.Discard", StringComparison.Ordinal).Should()
            .BeLessThan(output.IndexOf("known-issue     PoolTests.Old", StringComparison.Ordinal));
        output.Should().Contain("Kernel health check failed:").And.NotContain("PoolTests.Create", "passed tests are listed only with --all");
        Sts("show", "aaaa0001", "--all").Output.Should().Contain("PoolTests.Create");
    }

    [Test]
    public void Runs_lists_each_run_with_its_totals()
    {
        RecordRun("aaaa0001", "6.1.0-41", 0, ($"{Ns}.A", TestOutcome.Passed, 1.0, null), ($"{Ns}.B", TestOutcome.Failed, 1.0, "x"));
        RecordRun("bbbb0002", "6.12.95", 1, ($"{Ns}.A", TestOutcome.Passed, 1.0, null));
        var (status, output, _) = Sts("runs");
        status.Should().Be(0);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines[1].Should().MatchRegex(@"^aaaa0001\s+6\.1\.0-41\s+6\.1\.0-41 \(lab VM\)\s+2026-11-28 02:00 UTC\s+2\s+1\s+1\s+0\s+0\s+0\s+0\s+dmsetup 1\.02\.185\s+complete$");
        lines[2].Should().StartWith("bbbb0002").And.Contain("6.12.95");
        Sts("runs", "--set", "6.12.95").Output.Should().NotContain("aaaa0001");
    }

    [Test]
    public void Log_prints_the_stored_log_kernel_log_excerpt_and_diagnostics()
    {
        using (var store = ResultStore.Open(Store))
        {
            var run = Run("aaaa0001", "s", 0);
            store.BeginRun(run);
            store.Record(run.Id, new TestRecord($"{Ns}.Discard", TestOutcome.KernelFinding, Night, TimeSpan.FromSeconds(3),
                "Kernel health check failed", "created pool sts-1-pool-1", "<4>WARNING: CPU: 1 PID: 99 at drivers/md/dm-thin.c:1", "dmsetup table: ..."));
            store.Record(run.Id, new TestRecord($"{Ns}.Discard2", TestOutcome.Passed, Night, TimeSpan.FromSeconds(1)));
        }

        var (status, output, _) = Sts("log", $"{Ns}.Discard", "--run", "aaaa0001");
        status.Should().Be(0);
        output.Should().Contain("run aaaa0001: kernel-finding in 3.00 s")
            .And.Contain("--- log ---\ncreated pool sts-1-pool-1")
            .And.Contain("--- kernel log ---\n<4>WARNING: CPU: 1 PID: 99 at drivers/md/dm-thin.c:1")
            .And.Contain("--- diagnostics ---\ndmsetup table: ...");
        Sts("log", "Discard2").Output.Should().Contain("--- kernel log ---\n(none recorded)");
        var ambiguous = Sts("log", "Discard");
        ambiguous.Status.Should().Be(2, "two tests match and neither is named exactly");
        ambiguous.Error.Should().Contain("matches 2 tests");
    }

    [Test]
    public void Flaky_lists_tests_whose_outcome_differs_across_the_last_runs_with_their_pass_rate()
    {
        RecordRun("aaaa0001", "nightly", 0, ($"{Ns}.Flaky", TestOutcome.Passed, 1.0, null), ($"{Ns}.Stable", TestOutcome.Passed, 1.0, null));
        RecordRun("aaaa0002", "nightly", 1, ($"{Ns}.Flaky", TestOutcome.Failed, 1.0, "x"), ($"{Ns}.Stable", TestOutcome.Passed, 1.0, null));
        RecordRun("aaaa0003", "nightly", 2, ($"{Ns}.Flaky", TestOutcome.Passed, 1.0, null), ($"{Ns}.Stable", TestOutcome.Passed, 1.0, null));
        RecordRun("bbbb0001", "other", 3, ($"{Ns}.Stable", TestOutcome.Failed, 1.0, "x"));

        var (status, output, _) = Sts("flaky", "--set", "nightly");
        status.Should().Be(0);
        output.Should().Contain("3 runs").And.Contain("1 flaky tests");
        output.Split('\n').Should().Contain(l => l.StartsWith($"{Ns}.Flaky ", StringComparison.Ordinal) && l.Contains("2/3") && l.EndsWith("passed failed passed", StringComparison.Ordinal));
        output.Should().NotContain($"{Ns}.Stable");
        Sts("flaky", "--set", "nightly", "--last", "2").Output.Should().Contain("1/2");
        Sts("flaky").Output.Should().Contain("Result set 'other': 1 runs").And.Contain("0 flaky tests", "the newest run's set is the default");
    }

    [Test]
    public void Filter_prints_a_dotnet_test_filter_selecting_the_runs_failed_tests()
    {
        RecordRun("aaaa0001", "s", 0,
            ($"{Ns}.Create", TestOutcome.Passed, 1.0, null),
            ($"{Ns}.Discard(\"on\",4)", TestOutcome.Failed, 1.0, "x"),
            ($"{Ns}.Hang", TestOutcome.Hang, 1.0, "x"),
            ($"{Ns}.Known", TestOutcome.KnownIssue, 1.0, "x"));
        var (status, output, _) = Sts("filter", "--state", "failed", "aaaa0001");
        status.Should().Be(0);
        output.Trim().Should().Be("FullyQualifiedName=Sts.Tests.Scenarios.Thin.PoolTests.Discard\\(\"on\",4\\)|FullyQualifiedName=Sts.Tests.Scenarios.Thin.PoolTests.Hang");
        Sts("filter", "--state", "known-issue", "aaaa0001").Output.Trim().Should().Be("FullyQualifiedName=Sts.Tests.Scenarios.Thin.PoolTests.Known");
        var none = Sts("filter", "--state", "skipped", "aaaa0001");
        none.Status.Should().Be(1);
        none.Output.Should().BeEmpty();
    }

    [TestCase(new[] { "frobnicate" }, "'frobnicate'")]
    [TestCase(new string[0], "no command given")]
    [TestCase(new[] { "compare", "aaaa0001" }, "'NEW' missing")]
    [TestCase(new[] { "compare", "aaaa0001", "nosuchrun" }, "No run 'nosuchrun'")]
    [TestCase(new[] { "compare", "aaaa0001", "aaaa0001", "--format", "html" }, "'html'")]
    [TestCase(new[] { "compare", "aaaa0001", "aaaa0001", "--slower-by", "lots" }, "'lots'")]
    [TestCase(new[] { "filter", "aaaa0001" }, "--state")]
    [TestCase(new[] { "filter", "--state", "broken", "aaaa0001" }, "'broken'")]
    [TestCase(new[] { "flaky", "--last", "1" }, "--last must be at least 2")]
    [TestCase(new[] { "log", "NoSuchTest" }, "no recorded test matches 'NoSuchTest'")]
    [TestCase(new[] { "import", "/nonexistent/x.trx" }, "/nonexistent/x.trx")]
    public void Bad_arguments_are_a_usage_error_naming_what_was_wrong_with_exit_status_2(string[] args, string named)
    {
        RecordRun("aaaa0001", "s", 0, ($"{Ns}.Create", TestOutcome.Passed, 1.0, null));
        var (status, output, error) = Sts(args);
        status.Should().Be(2);
        error.Should().Contain(named);
        output.Should().BeEmpty();
    }

    [Test]
    public async Task The_installed_command_exits_2_on_bad_arguments_and_3_on_a_foreign_store()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "sts.dll");
        var usage = await new Command("dotnet").WithArguments(dll, "compare", "only-one").WithValidation(CommandValidation.None).ExecuteAsync();
        usage.ExitCode.Should().Be(2);
        usage.StandardError.Should().Contain("'NEW' missing");

        await File.WriteAllTextAsync(Store, "not a database");
        var foreign = await new Command("dotnet").WithArguments(dll, "runs", "--db", Store).WithValidation(CommandValidation.None).ExecuteAsync();
        foreign.ExitCode.Should().Be(3);
        foreign.StandardError.Should().Contain("it is not an SQLite database");
        (await File.ReadAllTextAsync(Store)).Should().Be("not a database");
    }

    [Test]
    public void Import_stores_a_real_trx_as_a_run_and_the_kernel_release_beside_it()
    {
        var results = Directory.CreateDirectory(Path.Combine(_directory, "suite", "results")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "trx", "host-sample.trx"), Path.Combine(results, "suite.trx"));
        File.WriteAllText(Path.Combine(_directory, "suite", "kernel-release"), "6.1.0-41-amd64\n");
        var (status, output, _) = Sts("import", Path.Combine(results, "suite.trx"));
        status.Should().Be(0);
        output.Should().Contain("Imported 49 results").And.Contain("result set '6.1.0-41-amd64'");
        var runs = Sts("runs").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        runs[1].Should().MatchRegex(@"6\.1\.0-41-amd64\s+6\.1\.0-41-amd64 \(imported\)\s+2026-11-30 13:10 UTC\s+49\s+33\s+0\s+16\s+0\s+0\s+0");
        Sts("import", Path.Combine(results, "suite.trx"), "--set", "again").Output.Should().Contain("result set 'again'");
    }

    [Test]
    public void Import_of_another_store_copies_the_runs_it_lacks_with_their_texts_once()
    {
        var guest = Path.Combine(_directory, "guest.db");
        using (var store = ResultStore.Open(guest))
        {
            var finished = Run("cccc0001", "6.1", 0);
            store.BeginRun(finished);
            store.Record(finished.Id, new TestRecord($"{Ns}.A", TestOutcome.Hang, Night, TimeSpan.FromSeconds(600), "Time limit of 600 s exceeded", "log", "<3>INFO: task blocked", "diag"));
            store.EndRun(finished.Id, Night.AddHours(2));
            var killed = Run("cccc0002", "6.1", 1);
            store.BeginRun(killed);
            store.Record(killed.Id, new TestRecord($"{Ns}.A", TestOutcome.Passed, Night.AddDays(1), TimeSpan.FromSeconds(1)));
        }

        RecordRun("aaaa0001", "6.1", 2, ($"{Ns}.A", TestOutcome.Passed, 1.0, null));
        var (status, output, _) = Sts("import", guest);
        status.Should().Be(0);
        output.Should().Contain("Copied 2 runs").And.Contain("cccc0001, cccc0002");
        using (var store = ResultStore.Open(Store, create: false))
        {
            store.Runs().Select(r => (r.Run.Id, r.Finished)).Should().Equal(
                ("cccc0001", Night.AddHours(2)), ("cccc0002", null), ("aaaa0001", Night.AddDays(2).AddHours(1)));
            store.Result("cccc0001", $"{Ns}.A").Should().Be(new TestRecord($"{Ns}.A", TestOutcome.Hang, Night, TimeSpan.FromSeconds(600),
                "Time limit of 600 s exceeded", "log", "<3>INFO: task blocked", "diag"));
        }

        Sts("import", guest).Output.Should().Contain("Copied 0 runs").And.Contain("2 already there");
    }

    private (int Status, string Output, string Error) Sts(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = StsCli.Run([.. args, "--db", Store], output, error);
        return (status, output.ToString().Replace("\r", string.Empty, StringComparison.Ordinal), error.ToString());
    }

    private static RunInfo Run(string id, string set, int night) =>
        new(id, set, set, "lab VM", "dmsetup 1.02.185", "4.47.0", "ioctl", "lab1", Night.AddDays(night), "test");

    private void RecordRun(string id, string set, int night, params (string Test, TestOutcome Outcome, double Seconds, string? Message)[] results)
    {
        using var store = ResultStore.Open(Store);
        var run = Run(id, set, night);
        store.BeginRun(run);
        foreach (var (test, outcome, seconds, message) in results)
        {
            store.Record(id, new TestRecord(test, outcome, run.Started, TimeSpan.FromSeconds(seconds), message));
        }

        store.EndRun(id, run.Started.AddHours(1));
    }
}
