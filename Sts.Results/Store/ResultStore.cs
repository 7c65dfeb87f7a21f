using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sts.Results.Store;

/// <summary>
/// The result store: an SQLite database holding every recorded run and one row per test per run.
/// Every write is its own committed transaction (a run killed half-way keeps what finished); the
/// database is in WAL mode (where the file system allows, see <see cref="SupportsWal"/>) with a
/// busy timeout, so several processes (two runs) record at once. The file is marked with an application id and a schema version: a file that is not a
/// store this version can use is refused with <see cref="ForeignStoreException"/> and left as it
/// is. One instance is meant for one thread at a time.
/// </summary>
public sealed partial class ResultStore : IDisposable
{
    /// <summary>The SQLite application id of a result store: "STSR".</summary>
    public const int ApplicationId = 0x53545352;

    /// <summary>The schema version this code writes and reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>How long a writer waits for another process's transaction before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(60);

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    private const string Schema = """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            result_set TEXT NOT NULL,
            kernel_release TEXT NOT NULL,
            kernel_origin TEXT NOT NULL,
            tool_versions TEXT NOT NULL,
            dm_driver_version TEXT NOT NULL,
            backend TEXT NOT NULL,
            host TEXT NOT NULL,
            started TEXT NOT NULL,
            finished TEXT,
            source TEXT NOT NULL);
        CREATE INDEX runs_by_set ON runs (result_set, started);
        CREATE TABLE results (
            run_id TEXT NOT NULL REFERENCES runs (id),
            test TEXT NOT NULL,
            outcome TEXT NOT NULL,
            started TEXT NOT NULL,
            duration_ms INTEGER NOT NULL,
            message TEXT,
            log BLOB,
            kernel_log BLOB,
            diagnostics BLOB,
            PRIMARY KEY (run_id, test));
        CREATE INDEX results_by_test ON results (test);
        """;

    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    private ResultStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>Opens the store at <see cref="ResultStoreLocation.Default"/>, creating it when absent.</summary>
    /// <returns>The store.</returns>
    /// <exception cref="ForeignStoreException">The file is not a result store this version can use; it was not changed.</exception>
    /// <exception cref="ResultStoreException">The file could not be created or opened.</exception>
    public static ResultStore Open() => Open(ResultStoreLocation.Default);

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating it (and its directory) when the file
    /// does not exist or is empty.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <param name="create">False to refuse a missing file instead of creating it (readers).</param>
    /// <returns>The store.</returns>
    /// <exception cref="ForeignStoreException">The file is not a result store this version can use (not SQLite, corrupt, another application's, a newer schema); it was not changed.</exception>
    /// <exception cref="ResultStoreException">The file is missing and <paramref name="create"/> is false, or it could not be created or opened.</exception>
    public static ResultStore Open(string path, bool create = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = System.IO.Path.GetFullPath(path);
        var exists = File.Exists(path);
        if (!exists && !create)
        {
            throw new ResultStoreException(path, $"There is no result store at '{path}' (set STS_RESULTS_DB or pass --db).");
        }

        if (exists)
        {
            RefuseWhatIsNotSqlite(path);
        }
        else
        {
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ResultStoreException(path, $"Cannot create the directory of the result store '{path}': {ex.Message}", ex);
            }
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}");
            // Check what the file is before anything writes to it: even switching the journal mode
            // rewrites the header of another application's database.
            if (!CheckIdentity(connection, path, allowEmpty: true))
            {
                Initialize(connection, path);
            }

            if (create)
            {
                // A writer picks the journal: WAL where the file system can share SQLite's memory
                // map between processes, else a rollback journal (writers still take turns
                // through the busy timeout). Readers leave the file's mode as it is.
                Execute(connection, SupportsWal(System.IO.Path.GetDirectoryName(path)!) ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE");
            }

            Execute(connection, "PRAGMA synchronous = FULL");
            Execute(connection, "PRAGMA foreign_keys = ON");
            return new ResultStore(path, connection);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
        {
            // SQLITE_CORRUPT, SQLITE_NOTADB: found while reading; nothing was written.
            connection.Dispose();
            throw new ForeignStoreException(path, $"the database is damaged ({ex.Message})", ex);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new ResultStoreException(path, $"Cannot open the result store '{path}': {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// False on the file systems where SQLite's WAL mode cannot work because its shared memory
    /// map cannot be shared (https://www.sqlite.org/wal.html, "WAL does not work over a network
    /// filesystem"): 9p (the lab VM's artifacts share, mounted cache=none, refuses shared
    /// writable maps), NFS, CIFS/SMB and FUSE.
    /// </summary>
    /// <param name="directory">The store's directory.</param>
    /// <returns>Whether WAL can be used there.</returns>
    public static bool SupportsWal(string directory)
    {
        string format;
        try
        {
            format = new DriveInfo(directory).DriveFormat;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return true;
        }

        return format is not ("9p" or "v9fs" or "nfs" or "nfs4" or "cifs" or "smb" or "smb2" or "smb3" or "smbfs") && !format.StartsWith("fuse", StringComparison.Ordinal);
    }

    /// <summary>True when the file starts with SQLite's header (it may still not be a result store).</summary>
    /// <param name="path">The file.</param>
    /// <returns>Whether it looks like an SQLite database.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static bool IsSqliteFile(string path)
    {
        using var file = File.OpenRead(path);
        var header = new byte[SqliteHeader.Length];
        return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.AsSpan().SequenceEqual(SqliteHeader);
    }

    /// <summary>Closes the database.</summary>
    public void Dispose() => _connection.Dispose();

    private static void RefuseWhatIsNotSqlite(string path)
    {
        byte[] header;
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length == 0)
            {
                return; // an empty file is what SQLite itself leaves when a creation was interrupted
            }

            header = new byte[SqliteHeader.Length];
            file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ResultStoreException(path, $"Cannot read the result store '{path}': {ex.Message}", ex);
        }

        if (!header.AsSpan().SequenceEqual(SqliteHeader))
        {
            throw new ForeignStoreException(path, "it is not an SQLite database");
        }
    }

    /// <summary>Checks the application id and schema version; returns false for a blank database.</summary>
    private static bool CheckIdentity(SqliteConnection connection, string path, bool allowEmpty)
    {
        var applicationId = Convert.ToInt32(Scalar(connection, "PRAGMA application_id"), CultureInfo.InvariantCulture);
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        var objects = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master"), CultureInfo.InvariantCulture);
        if (applicationId == 0 && version == 0 && objects == 0 && allowEmpty)
        {
            return false;
        }

        if (applicationId != ApplicationId)
        {
            throw new ForeignStoreException(path, string.Create(CultureInfo.InvariantCulture,
                $"it is another application's SQLite database (application id 0x{applicationId:x8}, {objects} schema objects; a result store has 0x{ApplicationId:x8})"));
        }

        if (version > SchemaVersion)
        {
            throw new ForeignStoreException(path, string.Create(CultureInfo.InvariantCulture,
                $"its schema version {version} is newer than this Sts reads ({SchemaVersion}); use a newer sts"));
        }

        if (version < 1)
        {
            throw new ForeignStoreException(path, string.Create(CultureInfo.InvariantCulture, $"its schema version {version} is not one Sts ever wrote"));
        }

        return true;
    }

    private static void Initialize(SqliteConnection connection, string path)
    {
        // Two runs may create the store at once: the write lock decides who creates the schema,
        // and the other sees it once it holds the lock.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!CheckIdentity(connection, path, allowEmpty: true))
        {
            Execute(connection, Schema, transaction);
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId}"), transaction);
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {SchemaVersion}"), transaction);
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
