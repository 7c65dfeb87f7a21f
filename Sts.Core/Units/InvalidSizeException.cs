namespace Sts.Core.Units;

/// <summary>
/// A size was refused: text that is not a size, a negative or overflowing value, or a value not
/// aligned where alignment is required (e.g. bytes that are not whole 512-byte sectors).
/// </summary>
public sealed class InvalidSizeException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the size, naming the value.</param>
    public InvalidSizeException(string message) : base(message) { }
}
