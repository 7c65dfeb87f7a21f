using System.Globalization;
using Microsoft.Data.Sqlite;
using Sts.Results.Model;

namespace Sts.Results.Store;

public sealed partial class ResultStore
{
    private const string RunColumns = "id, result_set, kernel_release, kernel_origin, tool_versions, dm_driver_version, backend, host, started, source, finished";

    /// <summary>The recorded runs, oldest first, with their totals.</summary>
    /// <param name="resultSet">Only this result set's runs; null for all.</param>
    /// <param name="last">Only the newest this many; null for all.</param>
    /// <returns>The runs.</returns>
    /// <exception cref="ResultStoreException">The read failed.</exception>
    public IReadOnlyList<RunSummary> Runs(string? resultSet = null, int? last = null)
    {
        var runs = new List<(RunInfo Run, DateTimeOffset? Finished)>();
        using (var command = Command(
            $"SELECT {RunColumns} FROM runs WHERE $set IS NULL OR result_set = $set ORDER BY started DESC, id DESC LIMIT $limit",
            ("$set", resultSet), ("$limit", last ?? -1)))
        {
            using var reader = Read(command);
            while (reader.Read())
            {
                runs.Add(ReadRun(reader));
            }
        }

        runs.Reverse();
        var counts = new Dictionary<string, Dictionary<TestOutcome, int>>();
        using (var command = Command("SELECT run_id, outcome, count(*) FROM results GROUP BY run_id, outcome"))
        {
            using var reader = Read(command);
            while (reader.Read())
            {
                var perRun = counts.TryGetValue(reader.GetString(0), out var existing) ? existing : counts[reader.GetString(0)] = [];
                perRun[TestOutcomes.Parse(reader.GetString(1))] = reader.GetInt32(2);
            }
        }

        return [.. runs.Select(r => new RunSummary(r.Run, r.Finished,
            counts.TryGetValue(r.Run.Id, out var c) ? c : new Dictionary<TestOutcome, int>()))];
    }

    /// <summary>
    /// Finds a run by reference: its id, a unique prefix of its id (4 characters or more),
    /// "latest" (the newest run), or a result set's name (that set's newest run).
    /// </summary>
    /// <param name="reference">The reference.</param>
    /// <returns>The run.</returns>
    /// <exception cref="RunNotFoundException">No run matches, or an id prefix matches several.</exception>
    /// <exception cref="ResultStoreException">The read failed.</exception>
    public RunInfo FindRun(string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var runs = Runs();
        if (runs.Count == 0)
        {
            throw new RunNotFoundException(Path, reference, $"No run is recorded in '{Path}'.");
        }

        if (reference == "latest")
        {
            return runs[^1].Run;
        }

        if (runs.FirstOrDefault(r => r.Run.Id == reference) is { } exact)
        {
            return exact.Run;
        }

        var byPrefix = reference.Length >= 4 ? runs.Where(r => r.Run.Id.StartsWith(reference, StringComparison.Ordinal)).ToList() : [];
        if (byPrefix.Count > 1)
        {
            throw new RunNotFoundException(Path, reference, $"'{reference}' names {byPrefix.Count} runs ({string.Join(", ", byPrefix.Select(r => r.Run.Id))}); give more of the id.");
        }

        if (byPrefix.Count == 1)
        {
            return byPrefix[0].Run;
        }

        if (runs.LastOrDefault(r => r.Run.ResultSet == reference) is { } newestOfSet)
        {
            return newestOfSet.Run;
        }

        throw new RunNotFoundException(Path, reference,
            $"No run '{reference}' in '{Path}': give a run id (see 'sts runs'), a result set's name or 'latest'.");
    }

    /// <summary>The results of one run, without their logs (see <see cref="Result"/>), by test name.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The results.</returns>
    /// <exception cref="ResultStoreException">The read failed.</exception>
    public IReadOnlyList<TestRecord> Results(string runId)
    {
        using var command = Command(
            "SELECT test, outcome, started, duration_ms, message FROM results WHERE run_id = $run ORDER BY test", ("$run", runId));
        using var reader = Read(command);
        var records = new List<TestRecord>();
        while (reader.Read())
        {
            records.Add(new TestRecord(reader.GetString(0), TestOutcomes.Parse(reader.GetString(1)), ParseTime(reader.GetString(2)),
                TimeSpan.FromMilliseconds(reader.GetInt64(3)), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return records;
    }

    /// <summary>One test's result in one run, with its log, kernel-log excerpt and diagnostics.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="test">The test's full name.</param>
    /// <returns>The result, or null when the run has no such test.</returns>
    /// <exception cref="ResultStoreException">The read failed.</exception>
    public TestRecord? Result(string runId, string test)
    {
        using var command = Command(
            "SELECT test, outcome, started, duration_ms, message, log, kernel_log, diagnostics FROM results WHERE run_id = $run AND test = $test",
            ("$run", runId), ("$test", test));
        using var reader = Read(command);
        if (!reader.Read())
        {
            return null;
        }

        return new TestRecord(reader.GetString(0), TestOutcomes.Parse(reader.GetString(1)), ParseTime(reader.GetString(2)),
            TimeSpan.FromMilliseconds(reader.GetInt64(3)), reader.IsDBNull(4) ? null : reader.GetString(4),
            TextCompression.Decompress(Blob(reader, 5)), TextCompression.Decompress(Blob(reader, 6)), TextCompression.Decompress(Blob(reader, 7)));
    }

    /// <summary>The full names of the recorded tests that contain <paramref name="text"/>, in one run or in any.</summary>
    /// <param name="text">A test's full name or part of it.</param>
    /// <param name="runId">Only this run's tests; null for all runs.</param>
    /// <returns>The matching names, sorted.</returns>
    /// <exception cref="ResultStoreException">The read failed.</exception>
    public IReadOnlyList<string> FindTests(string text, string? runId = null)
    {
        using var command = Command(
            "SELECT DISTINCT test FROM results WHERE instr(test, $text) > 0 AND ($run IS NULL OR run_id = $run) ORDER BY test",
            ("$text", text), ("$run", runId));
        using var reader = Read(command);
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>The newest run that recorded <paramref name="test"/>, or null.</summary>
    /// <param name="test">The test's full name.</param>
    /// <returns>The run's id, or null.</returns>
    /// <exception cref="ResultStoreException">The read failed.</exception>
    public string? LatestRunOf(string test)
    {
        using var command = Command(
            "SELECT r.id FROM results t JOIN runs r ON r.id = t.run_id WHERE t.test = $test ORDER BY r.started DESC, r.id DESC LIMIT 1",
            ("$test", test));
        return ReadScalar(command) as string;
    }

    private static (RunInfo, DateTimeOffset?) ReadRun(SqliteDataReader reader) =>
        (new RunInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetString(5), reader.GetString(6), reader.GetString(7), ParseTime(reader.GetString(8)), reader.GetString(9)),
         reader.IsDBNull(10) ? null : ParseTime(reader.GetString(10)));

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static byte[]? Blob(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : (byte[])reader.GetValue(column);

    private SqliteDataReader Read(SqliteCommand command)
    {
        try
        {
            return command.ExecuteReader();
        }
        catch (SqliteException ex)
        {
            throw new ResultStoreException(Path, $"Cannot read the result store '{Path}': {ex.Message}", ex);
        }
    }

    private object? ReadScalar(SqliteCommand command)
    {
        try
        {
            return command.ExecuteScalar();
        }
        catch (SqliteException ex)
        {
            throw new ResultStoreException(Path, $"Cannot read the result store '{Path}': {ex.Message}", ex);
        }
    }
}
