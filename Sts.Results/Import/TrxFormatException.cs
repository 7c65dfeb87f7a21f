using Sts.Core;

namespace Sts.Results.Import;

/// <summary>A file given as a trx could not be read as one.</summary>
public sealed class TrxFormatException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The underlying cause, or null.</param>
    public TrxFormatException(string path, string problem, Exception? innerException = null)
        : base($"'{path}' is not a readable trx file: {problem}", innerException)
    {
        Path = path;
    }

    /// <summary>The file.</summary>
    public string Path { get; }
}
