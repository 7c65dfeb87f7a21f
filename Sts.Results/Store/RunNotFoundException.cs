namespace Sts.Results.Store;

/// <summary>A run reference (id, id prefix, result set or "latest") named no run, or more than one.</summary>
public sealed class RunNotFoundException : ResultStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The store's file.</param>
    /// <param name="reference">The reference given.</param>
    /// <param name="message">What was wrong with it.</param>
    public RunNotFoundException(string path, string reference, string message) : base(path, message)
    {
        Reference = reference;
    }

    /// <summary>The reference given.</summary>
    public string Reference { get; }
}
