namespace Sts.Results.Store;

/// <summary>
/// The file at the store's path is not an Sts result store this version can use (not SQLite,
/// corrupt, another program's database, or written by a newer Sts). The file was not changed.
/// </summary>
public sealed class ForeignStoreException : ResultStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file that was refused.</param>
    /// <param name="reason">Why, e.g. "not an SQLite database".</param>
    /// <param name="innerException">The underlying cause, or null.</param>
    public ForeignStoreException(string path, string reason, Exception? innerException = null)
        : base(path, $"Refusing '{path}' as the Sts result store: {reason}. The file was left as it is; move it away or point STS_RESULTS_DB elsewhere.", innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the file was refused.</summary>
    public string Reason { get; }
}
