namespace Sts.Core.Commands;

/// <summary>A command ran past its timeout; its whole process tree was killed.</summary>
public sealed class CommandTimeoutException : CommandException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command that was killed.</param>
    /// <param name="standardOutput">What it had written to standard output.</param>
    /// <param name="standardError">What it had written to standard error.</param>
    public CommandTimeoutException(Command command, string standardOutput, string standardError)
        : base(command, $"Command `{command}` did not finish within {command.Timeout?.TotalSeconds:0.###} s; " +
                        $"its process tree was killed. Standard error so far: {Excerpt(standardError)}")
    {
        StandardOutput = standardOutput;
        StandardError = standardError;
    }

    /// <summary>What the command had written to standard output before it was killed.</summary>
    public string StandardOutput { get; }

    /// <summary>What the command had written to standard error before it was killed.</summary>
    public string StandardError { get; }
}
