namespace Sts.Core.Commands;

/// <summary>The base of failures of an external command; carries the command that failed.</summary>
public abstract class CommandException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command that failed.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    protected CommandException(Command command, string message, Exception? innerException = null)
        : base(message, innerException) => Command = command;

    /// <summary>The command that failed.</summary>
    public Command Command { get; }

    /// <summary>Trims captured output for a one-paragraph exception message.</summary>
    internal static string Excerpt(string text, int maxLength = 2000)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= maxLength ? trimmed : string.Concat(trimmed.AsSpan(0, maxLength), " …");
    }
}
