namespace Sts.Core.Commands;

/// <summary>
/// Runs commands somewhere: on this machine (<see cref="LocalCommandExecutor"/>) or, later, on a
/// lab machine over ssh. Callers depend on this contract only.
/// </summary>
public interface ICommandExecutor
{
    /// <summary>
    /// Runs a command to completion and returns its result.
    /// </summary>
    /// <param name="command">The command; its argv is passed as is, never through a shell.</param>
    /// <param name="cancellationToken">Stops the command: its whole process tree is killed.</param>
    /// <returns>The result, whatever the exit code when <see cref="Command.Validation"/> is <see cref="CommandValidation.None"/>.</returns>
    /// <exception cref="CommandStartException">The program could not be started (not found, not executable).</exception>
    /// <exception cref="CommandFailedException">It exited non-zero and validation is <see cref="CommandValidation.ZeroExitCode"/>.</exception>
    /// <exception cref="CommandTimeoutException">It ran past <see cref="Command.Timeout"/> and was killed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the process tree was killed.</exception>
    Task<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken = default);
}
