using FluentAssertions;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Sts.Results.Model;
using Sts.Results.Store;

namespace Sts.Tests.Unit.Results;

public sealed class ResultStoreTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("sts-store-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    private string StorePath => Path.Combine(_directory, "sub", "results.db");

    [Test]
    public void A_recorded_run_reads_back_with_every_field_its_texts_and_its_totals()
    {
        var started = new DateTimeOffset(2026, 11, 30, 9, 15, 1, 250, TimeSpan.Zero);
        var run = new RunInfo("1a2b3c4d", "nightly-6.1", "6.1.0-41-amd64", "lab VM", "dmsetup 1.2.185; thin_check 0.9.0", "4.47.0",
            "ioctl", "lab1", started, "nunit pid 42");
        var log = string.Concat(Enumerable.Repeat("thin_check /dev/mapper/x: ok\n", 2000));
        var finding = new TestRecord("Sts.Tests.Scenarios.Thin.PoolTests.Discard_passdown(\"on\")", TestOutcome.KernelFinding,
            started.AddSeconds(2), TimeSpan.FromMilliseconds(1234), "Kernel health check failed: WARNING at dm-thin.c:123",
            log, "  <4>WARNING: CPU: 0 PID: 7 at drivers/md/dm-thin.c:123", "Diagnostics for ...\nüñí");
        var pass = new TestRecord("Sts.Tests.Scenarios.Thin.PoolTests.Create", TestOutcome.Passed, started.AddSeconds(1), TimeSpan.FromSeconds(1));

        using (var store = ResultStore.Open(StorePath))
        {
            store.BeginRun(run);
            store.Record(run.Id, pass);
            store.Record(run.Id, finding);
        }

        using (var store = ResultStore.Open(StorePath, create: false))
        {
            var summary = store.Runs().Should().ContainSingle().Subject;
            summary.Run.Should().Be(run);
            summary.Finished.Should().BeNull("EndRun was not called");
            summary.Total.Should().Be(2);
            summary.Count(TestOutcome.KernelFinding).Should().Be(1);
            store.Result(run.Id, finding.Test).Should().Be(finding);
            store.Results(run.Id).Should().Equal(
                pass,
                finding with { Log = null, KernelLog = null, Diagnostics = null });
            store.EndRun(run.Id, started.AddMinutes(5));
            store.Runs()[0].Finished.Should().Be(started.AddMinutes(5));
            store.FindRun("1a2b").Should().Be(run);
            store.FindRun("nightly-6.1").Should().Be(run);
            store.FindRun("latest").Should().Be(run);
            store.Invoking(s => s.FindRun("9999")).Should().Throw<RunNotFoundException>().Which.Reference.Should().Be("9999");
            store.Invoking(s => s.BeginRun(run)).Should().Throw<ResultStoreException>().WithMessage("*1a2b3c4d*");
        }

        using var connection = new SqliteConnection($"Data Source={StorePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(log) FROM results WHERE log IS NOT NULL";
        Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture).Should()
            .BeLessThan(log.Length / 10, "logs are stored compressed");
    }

    [Test]
    public void The_store_is_an_sts_result_store_by_application_id_and_schema_version()
    {
        using (ResultStore.Open(StorePath))
        {
        }

        using var connection = new SqliteConnection($"Data Source={StorePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA application_id";
        Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(0x53545352, "\"STSR\"");
        command.CommandText = "PRAGMA journal_mode";
        command.ExecuteScalar().Should().Be("wal");
    }

    [TestCase("text", "it is not an SQLite database")]
    [TestCase("foreign", "it is another application's SQLite database")]
    [TestCase("newer", "its schema version 7 is newer than this Sts reads")]
    [TestCase("corrupt", "the database is damaged")]
    public void A_file_that_is_not_a_usable_result_store_is_refused_and_left_byte_for_byte(string kind, string reason)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StorePath)!);
        switch (kind)
        {
            case "text":
                File.WriteAllText(StorePath, "name,outcome\nsome,csv\n");
                break;
            case "foreign":
                Sql(StorePath, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://kernel.org')");
                break;
            case "newer":
                using (var store = ResultStore.Open(StorePath))
                {
                }

                Sql(StorePath, "PRAGMA user_version = 7");
                break;
            case "corrupt":
                using (var store = ResultStore.Open(StorePath))
                {
                    store.BeginRun(new RunInfo("00000001", "s", "k", "o", "", "", "", "h", DateTimeOffset.UtcNow, "test"));
                }

                // Page 1 keeps its header (application id, version), its schema b-tree is garbage.
                using (var file = File.OpenWrite(StorePath))
                {
                    file.Position = 100;
                    file.Write(Enumerable.Repeat((byte)0xA5, 3000).ToArray());
                }

                break;
        }

        var before = File.ReadAllBytes(StorePath);
        var refusal = FluentActions.Invoking(() => ResultStore.Open(StorePath)).Should().Throw<ForeignStoreException>().Which;
        refusal.Reason.Should().StartWith(reason);
        refusal.Path.Should().Be(StorePath);
        refusal.Message.Should().Contain(StorePath).And.Contain("left as it is");
        File.ReadAllBytes(StorePath).Should().Equal(before, "a refused file is never written to");
        Directory.GetFiles(Path.GetDirectoryName(StorePath)!).Should().Equal([StorePath], "no journal or WAL file is left beside it");
    }

    [Test]
    public void An_import_lands_whole_or_not_at_all()
    {
        var run = new RunInfo("abcdef01", "s", "k", "o", "", "", "", "h", DateTimeOffset.UtcNow, "trx x");
        var record = new TestRecord("A.B.C", TestOutcome.Passed, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1));
        using var store = ResultStore.Open(StorePath);
        store.Import(run, [record, record with { Test = "A.B.D" }]);
        store.Invoking(s => s.Import(run with { Id = "abcdef02" }, [record, record with { Test = null! }]))
            .Should().Throw<ResultStoreException>("a test without a name breaks the import half-way");
        store.Invoking(s => s.Import(run, [record])).Should().Throw<ResultStoreException>("the run id exists");
        store.Runs().Select(r => (r.Run.Id, r.Total, r.Finished is not null)).Should().Equal([("abcdef01", 2, true)], "the broken import left nothing");
    }

    private static void Sql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
