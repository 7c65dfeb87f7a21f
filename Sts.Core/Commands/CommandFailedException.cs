namespace Sts.Core.Commands;

/// <summary>A command exited with a non-zero code while its validation required zero.</summary>
public sealed class CommandFailedException : CommandException
{
    /// <summary>Creates the exception from the failed result.</summary>
    /// <param name="result">The result of the command.</param>
    /// <param name="innerException">What else failed meanwhile, e.g. the reader of its standard output; null when nothing did.</param>
    public CommandFailedException(CommandResult result, Exception? innerException = null)
        : base(result.Command, BuildMessage(result), innerException) => Result = result;

    /// <summary>The whole result: exit code, output, timing.</summary>
    public CommandResult Result { get; }

    /// <summary>The exit code.</summary>
    public int ExitCode => Result.ExitCode;

    /// <summary>What the command wrote to standard error.</summary>
    public string StandardError => Result.StandardError;

    private static string BuildMessage(CommandResult result)
    {
        var stderr = Excerpt(result.StandardError);
        var detail = stderr.Length > 0 ? $" Standard error: {stderr}" : " It wrote nothing to standard error.";
        return $"Command `{result.Command}` exited with code {result.ExitCode}.{detail} " +
               "(To handle the exit code yourself, use WithValidation(CommandValidation.None).)";
    }
}
