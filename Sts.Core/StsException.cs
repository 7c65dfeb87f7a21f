namespace Sts.Core;

/// <summary>
/// The root of every exception Sts throws on purpose. Catch this to handle any failure the
/// framework reports; catch a concrete subtype to handle one kind.
/// </summary>
public class StsException : Exception
{
    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    /// <param name="message">What went wrong, in words an engineer reading a night-run log can act on.</param>
    public StsException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public StsException(string message, Exception? innerException) : base(message, innerException) { }
}
