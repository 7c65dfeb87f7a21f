using Sts.Core;

namespace Sts.Dm;

/// <summary>
/// A device-mapper parameter was refused before any kernel saw it: a zero length, a thin-pool
/// block size the kernel would reject, a thin id beyond 24 bits, a wrong argument count.
/// </summary>
public sealed class DmValidationException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="parameter">The parameter that was refused (e.g. "data block size").</param>
    /// <param name="message">What was wrong, naming the value and the allowed range.</param>
    public DmValidationException(string parameter, string message) : base(message) => Parameter = parameter;

    /// <summary>The parameter that was refused.</summary>
    public string Parameter { get; }
}
