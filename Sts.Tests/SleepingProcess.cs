using System.Globalization;
using Sts.Core.Commands;

namespace Sts.Tests;

/// <summary>
/// A process that sleeps until it is killed, started through the command executor like every
/// other process Sts starts: a stand-in for another run's owner. Disposing kills it.
/// </summary>
internal sealed class SleepingProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private SleepingProcess(int pid, CancellationTokenSource stop, Task running)
    {
        Pid = pid;
        _stop = stop;
        _running = running;
    }

    /// <summary>The process id.</summary>
    public int Pid { get; }

    /// <summary>Starts <c>sleep 600</c> and learns its pid from the shell that execs it.</summary>
    public static async Task<SleepingProcess> RunAsync()
    {
        var pid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new CancellationTokenSource();
        var running = new Command("sh").WithArguments("-c", "echo $$; exec sleep 600")
            .WithStandardOutputReader(async (stream, cancellationToken) =>
            {
                using var reader = new StreamReader(stream, leaveOpen: true);
                var line = await reader.ReadLineAsync(cancellationToken);
                pid.TrySetResult(int.Parse(line!, CultureInfo.InvariantCulture));
            })
            .ExecuteAsync(cancellationToken: stop.Token);
        return new SleepingProcess(await pid.Task.WaitAsync(TimeSpan.FromSeconds(30)), stop, running);
    }

    /// <summary>Kills the process and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // How a cancelled command ends: its process tree was killed.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _stop.Dispose();
    }
}
