using System.Globalization;
using Microsoft.Data.Sqlite;
using Sts.Results.Model;

namespace Sts.Results.Store;

public sealed partial class ResultStore
{
    /// <summary>Records a run's start (committed at once). Recording the same run id again is refused.</summary>
    /// <param name="run">The run.</param>
    /// <exception cref="ResultStoreException">The run id is already in the store, or the write failed.</exception>
    public void BeginRun(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var command = Command(
            """
            INSERT INTO runs (id, result_set, kernel_release, kernel_origin, tool_versions, dm_driver_version, backend, host, started, source)
            VALUES ($id, $set, $kernel, $origin, $tools, $dm, $backend, $host, $started, $source)
            """,
            ("$id", run.Id), ("$set", run.ResultSet), ("$kernel", run.KernelRelease), ("$origin", run.KernelOrigin),
            ("$tools", run.ToolVersions), ("$dm", run.DmDriverVersion), ("$backend", run.Backend), ("$host", run.Host),
            ("$started", Timestamp(run.Started)), ("$source", run.Source));
        Write(command, $"record run {run.Id}");
    }

    /// <summary>Records one test's result in a run (committed at once; a second record of the same test in the run replaces the first).</summary>
    /// <param name="runId">The run, begun with <see cref="BeginRun"/>.</param>
    /// <param name="record">The result.</param>
    /// <exception cref="ResultStoreException">The run is not in the store, or the write failed.</exception>
    public void Record(string runId, TestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var command = Command(
            """
            INSERT OR REPLACE INTO results (run_id, test, outcome, started, duration_ms, message, log, kernel_log, diagnostics)
            VALUES ($run, $test, $outcome, $started, $duration, $message, $log, $kernel, $diagnostics)
            """,
            ("$run", runId), ("$test", record.Test), ("$outcome", record.Outcome.Name()), ("$started", Timestamp(record.Started)),
            ("$duration", (long)Math.Round(record.Duration.TotalMilliseconds)), ("$message", record.Message),
            ("$log", TextCompression.Compress(record.Log)), ("$kernel", TextCompression.Compress(record.KernelLog)),
            ("$diagnostics", TextCompression.Compress(record.Diagnostics)));
        Write(command, $"record {record.Test} in run {runId}");
    }

    /// <summary>Marks a run as ended.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="finished">When it ended.</param>
    /// <exception cref="ResultStoreException">The write failed.</exception>
    public void EndRun(string runId, DateTimeOffset finished)
    {
        using var command = Command("UPDATE runs SET finished = $finished WHERE id = $id", ("$id", runId), ("$finished", Timestamp(finished)));
        Write(command, $"end run {runId}");
    }

    /// <summary>Stores a whole run (an import) in one transaction: all of it lands, or none.</summary>
    /// <param name="run">The run.</param>
    /// <param name="records">Its results.</param>
    /// <param name="finished">When it ended; null for the end of its last test.</param>
    /// <exception cref="ResultStoreException">The run id is already in the store, or the write failed.</exception>
    public void Import(RunInfo run, IEnumerable<TestRecord> records, DateTimeOffset? finished = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(records);
        ImportRun(run, records, finished ?? run.Started, endOfLastTest: finished is null);
    }

    /// <summary>
    /// Copies every run of <paramref name="other"/> that this store lacks (by run id), with its
    /// results, texts and end, each run in one transaction. A run still unfinished there stays
    /// unfinished here.
    /// </summary>
    /// <param name="other">Another store, e.g. the one a lab VM guest recorded into.</param>
    /// <returns>The ids of the runs copied, and of those already present.</returns>
    /// <exception cref="ResultStoreException">A read or write failed.</exception>
    public (IReadOnlyList<string> Copied, IReadOnlyList<string> AlreadyPresent) Merge(ResultStore other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var present = Runs().Select(r => r.Run.Id).ToHashSet(StringComparer.Ordinal);
        var copied = new List<string>();
        var skipped = new List<string>();
        foreach (var summary in other.Runs())
        {
            if (present.Contains(summary.Run.Id))
            {
                skipped.Add(summary.Run.Id);
                continue;
            }

            var records = other.Results(summary.Run.Id).Select(r => other.Result(summary.Run.Id, r.Test)!).ToList();
            ImportRun(summary.Run, records, summary.Finished, endOfLastTest: false);
            copied.Add(summary.Run.Id);
        }

        return (copied, skipped);
    }

    private void ImportRun(RunInfo run, IEnumerable<TestRecord> records, DateTimeOffset? finished, bool endOfLastTest)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _transaction = transaction;
        try
        {
            BeginRun(run);
            var last = finished;
            foreach (var record in records)
            {
                Record(run.Id, record);
                var end = record.Started + record.Duration;
                last = endOfLastTest && end > last ? end : last;
            }

            if (last is { } ended)
            {
                EndRun(run.Id, ended);
            }

            transaction.Commit();
        }
        finally
        {
            _transaction = null;
        }
    }

    internal static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private void Write(SqliteCommand command, string what)
    {
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new ResultStoreException(Path, $"Cannot {what} in '{Path}': {ex.Message} (the run id exists already, or the run was never begun).", ex);
        }
        catch (SqliteException ex)
        {
            throw new ResultStoreException(Path, $"Cannot {what} in '{Path}': {ex.Message}", ex);
        }
    }
}
