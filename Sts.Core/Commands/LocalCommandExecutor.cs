using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;
using CliWrap;
using Serilog;

namespace Sts.Core.Commands;

/// <summary>
/// Runs commands as child processes of this one, through CliWrap. argv goes to the program
/// untouched (no shell); a timeout or cancellation stops every process the command started
/// (SIGTERM, grace period, SIGKILL; see <see cref="ProcessTree"/> for what CliWrap's own kill
/// lacks); every command is logged with structured properties (Program, Arguments, ExitCode,
/// DurationMs) and recorded in the <see cref="CommandJournal"/>.
/// </summary>
public sealed class LocalCommandExecutor : ICommandExecutor
{
    /// <summary>How long CliWrap may go on reading the pipes once the tree was killed, before its
    /// reads are aborted: what the tree wrote just before dying is kept.</summary>
    private static readonly TimeSpan DrainAfterKill = TimeSpan.FromSeconds(2);

    private readonly ILogger? _logger;

    /// <summary>Creates an executor that logs to the given logger.</summary>
    /// <param name="logger">The logger; null for Serilog's global <see cref="Log.Logger"/> at the time of each call.</param>
    public LocalCommandExecutor(ILogger? logger = null) => _logger = logger;

    /// <summary>An executor that logs to Serilog's global logger.</summary>
    public static LocalCommandExecutor Shared { get; } = new();

    /// <inheritdoc />
    public async Task<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var log = (_logger ?? Log.Logger).ForContext<LocalCommandExecutor>()
            .ForContext("Program", command.Program)
            .ForContext("Arguments", command.Arguments, destructureObjects: true);

        var marker = ProcessTree.NewMarker();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var reader = command.StandardOutputReader is { } read ? new OutputReader(read) : null;
        var cli = ToCliWrap(command, marker)
            .WithStandardOutputPipe(reader?.Target ?? PipeTarget.ToStringBuilder(stdout, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr, Encoding.UTF8));

        // Cancelled only once the tree is dead: aborts CliWrap's reads of pipes an escaped process still holds.
        using var abort = new CancellationTokenSource();
        var startTime = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        CommandTask<CliWrap.CommandResult> running;
        try
        {
            running = cli.ExecuteAsync(abort.Token);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            log.Error("Could not start {CommandLine}: {Reason}", command.ToString(), ex.Message);
            throw new CommandStartException(command, ex);
        }

        var pid = running.ProcessId;
        log.Debug("Started {CommandLine} as pid {Pid}", command.ToString(), pid);

        using var timeout = new CancellationTokenSource();
        if (command.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        int exitCode;
        try
        {
            exitCode = (await running.Task.WaitAsync(linked.Token).ConfigureAwait(false)).ExitCode;
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            await ProcessTree.StopAsync(pid, marker, command.KillGracePeriod).ConfigureAwait(false);
            await Task.WhenAny(running.Task, Task.Delay(DrainAfterKill, CancellationToken.None)).ConfigureAwait(false);
            await abort.CancelAsync().ConfigureAwait(false);
            try
            {
                await running.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The abort above: expected.
            }

            stopwatch.Stop();
            var timedOut = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            CommandJournal.Record(command, startTime, stopwatch.Elapsed, null, stdout.ToString(), stderr.ToString());
            log.Warning("{CommandLine} was {Reason} after {DurationMs} ms; its process tree was killed",
                command.ToString(), timedOut ? "timed out" : "cancelled", stopwatch.ElapsedMilliseconds);
            if (timedOut)
            {
                throw new CommandTimeoutException(command, stdout.ToString(), stderr.ToString());
            }

            throw new OperationCanceledException($"Command `{command}` was cancelled; its process tree was killed.",
                null, cancellationToken);
        }

        stopwatch.Stop();
        var result = new CommandResult(command, exitCode, stdout.ToString(), stderr.ToString(), startTime, stopwatch.Elapsed);
        CommandJournal.Record(command, startTime, stopwatch.Elapsed, result.ExitCode,
            reader is null ? result.StandardOutput : "(standard output was streamed to a reader)", result.StandardError);
        log.ForContext("ExitCode", result.ExitCode)
            .ForContext("DurationMs", stopwatch.Elapsed.TotalMilliseconds)
            .Information("{CommandLine} exited {ExitCode} in {DurationMs:0.0} ms", command.ToString(), result.ExitCode,
                stopwatch.Elapsed.TotalMilliseconds);
        if (result.StandardOutput.Length > 0 || result.StandardError.Length > 0)
        {
            log.Debug("{CommandLine} output: {StandardOutput} error: {StandardError}", command.ToString(),
                CommandException.Excerpt(result.StandardOutput, 8000), CommandException.Excerpt(result.StandardError, 8000));
        }

        if (!result.IsSuccess && command.Validation == CommandValidation.ZeroExitCode)
        {
            throw new CommandFailedException(result, reader?.Failure?.SourceException);
        }

        // A non-zero exit explains a reader's failure (truncated output) better than the reader can.
        if (result.IsSuccess)
        {
            reader?.Failure?.Throw();
        }

        return result;
    }

    private static CliWrap.Command ToCliWrap(Command command, string marker)
    {
        // CliWrap escapes each argument so that .NET splits the line back into exactly this argv.
        var cli = Cli.Wrap(command.Program)
            .WithArguments(command.Arguments)
            .WithEnvironmentVariables(environment =>
            {
                foreach (var (name, value) in command.Environment)
                {
                    environment.Set(name, value);
                }

                environment.Set(ProcessTree.MarkerVariable, marker);
            })
            .WithStandardInputPipe(command.StandardInput is { } input ? PipeSource.FromBytes(input) : PipeSource.Null)
            .WithValidation(CommandResultValidation.None);
        return command.WorkingDirectory is { } directory ? cli.WithWorkingDirectory(directory) : cli;
    }

    /// <summary>
    /// Hands standard output to the command's reader, then discards what it left unread, so the
    /// program never blocks on a full pipe. The reader's exception is kept for after the exit.
    /// </summary>
    private sealed class OutputReader(Func<Stream, CancellationToken, Task> read)
    {
        public ExceptionDispatchInfo? Failure { get; private set; }

        public PipeTarget Target => PipeTarget.Create(async (stream, cancellationToken) =>
        {
            try
            {
                await read(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Failure = ExceptionDispatchInfo.Capture(ex);
            }

            try
            {
                await stream.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The reader closed the stream: nothing left to drain here; a program that writes
                // on gets EPIPE, as it would from any reader that stops listening.
            }
        });
    }
}
