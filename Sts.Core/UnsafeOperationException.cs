namespace Sts.Core;

/// <summary>
/// Thrown when a destructive operation was refused because its target was not created by the
/// framework (nor listed by the user as a test disk). Sts never wipes what it does not own.
/// </summary>
public class UnsafeOperationException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="target">The device or file that was protected.</param>
    /// <param name="message">Why the operation was refused.</param>
    public UnsafeOperationException(string target, string message) : base(message) => Target = target;

    /// <summary>The device or file the operation would have touched.</summary>
    public string Target { get; }
}
