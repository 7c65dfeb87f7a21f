using Sts.Core;

namespace Sts.Results.Store;

/// <summary>The result store could not do what was asked; the message says what and where.</summary>
public class ResultStoreException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The store's file.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause, or null.</param>
    public ResultStoreException(string path, string message, Exception? innerException = null) : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }
}
