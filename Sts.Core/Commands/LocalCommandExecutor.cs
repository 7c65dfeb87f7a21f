using System.ComponentModel;
using System.Diagnostics;
using Serilog;

namespace Sts.Core.Commands;

/// <summary>
/// Runs commands as child processes of this one. argv goes to the kernel untouched (no shell);
/// a timeout or cancellation stops the whole process tree (SIGTERM, grace period, SIGKILL);
/// every command is logged with structured properties (Program, Arguments, ExitCode, DurationMs).
/// </summary>
public sealed class LocalCommandExecutor : ICommandExecutor
{
    /// <summary>How long to wait for output pipes after the process was killed: a daemonised
    /// grandchild may hold them open for ever.</summary>
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

        using var process = new Process { StartInfo = CreateStartInfo(command) };
        var startTime = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            log.Error("Could not start {CommandLine}: {Reason}", command.ToString(), ex.Message);
            throw new CommandStartException(command, ex);
        }

        var pid = process.Id;
        log.Debug("Started {CommandLine} as pid {Pid}", command.ToString(), pid);

        var stdout = new OutputBuffer();
        var stderr = new OutputBuffer();
        var pumps = Task.WhenAll(
            stdout.PumpAsync(process.StandardOutput.BaseStream),
            stderr.PumpAsync(process.StandardError.BaseStream));
        var input = WriteInputAsync(process, command.StandardInput);

        using var timeout = new CancellationTokenSource();
        if (command.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            await pumps.WaitAsync(linked.Token).ConfigureAwait(false);
            await input.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            await ProcessTree.StopAsync(pid, command.KillGracePeriod).ConfigureAwait(false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAny(pumps, Task.Delay(DrainAfterKill, CancellationToken.None)).ConfigureAwait(false);
            stopwatch.Stop();

            var timedOut = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            CommandJournal.Record(command, startTime, stopwatch.Elapsed, null, stdout.Text, stderr.Text);
            log.Warning("{CommandLine} was {Reason} after {DurationMs} ms; its process tree was killed",
                command.ToString(), timedOut ? "timed out" : "cancelled", stopwatch.ElapsedMilliseconds);
            if (timedOut)
            {
                throw new CommandTimeoutException(command, stdout.Text, stderr.Text);
            }

            throw new OperationCanceledException($"Command `{command}` was cancelled; its process tree was killed.",
                null, cancellationToken);
        }

        stopwatch.Stop();
        var result = new CommandResult(command, process.ExitCode, stdout.Text, stderr.Text, startTime, stopwatch.Elapsed);
        CommandJournal.Record(command, startTime, stopwatch.Elapsed, result.ExitCode, result.StandardOutput, result.StandardError);
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
            throw new CommandFailedException(result);
        }

        return result;
    }

    private static ProcessStartInfo CreateStartInfo(Command command)
    {
        var info = new ProcessStartInfo(command.Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = command.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    private static async Task WriteInputAsync(Process process, ReadOnlyMemory<byte>? input)
    {
        var stdin = process.StandardInput.BaseStream;
        try
        {
            if (input is { } bytes)
            {
                await stdin.WriteAsync(bytes).ConfigureAwait(false);
                await stdin.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The program exited or closed its input without reading it all: not our error.
        }
        finally
        {
            try
            {
                stdin.Close();
            }
            catch (IOException)
            {
                // Broken pipe on close, same reason.
            }
        }
    }
}
