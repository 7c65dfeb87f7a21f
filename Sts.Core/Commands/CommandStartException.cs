namespace Sts.Core.Commands;

/// <summary>A command's program could not be started: not found on PATH, or not executable.</summary>
public sealed class CommandStartException : CommandException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command that could not start.</param>
    /// <param name="innerException">The operating system's error.</param>
    public CommandStartException(Command command, Exception innerException)
        : base(command, $"Could not start `{command}`: {innerException.Message}", innerException) { }
}
