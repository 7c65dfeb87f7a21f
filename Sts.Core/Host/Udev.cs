using Sts.Core.Commands;

namespace Sts.Core.Host;

/// <summary>udev: waiting for its event queue to drain.</summary>
public static class Udev
{
    /// <summary>True when a udev daemon is running (its control socket exists).</summary>
    public static bool IsRunning => File.Exists("/run/udev/control") || Directory.Exists("/run/udev/control");

    /// <summary>
    /// Waits until udev has processed every queued event (<c>udevadm settle</c>), so device nodes
    /// and symlinks of a new device exist. Does nothing when udev is not running.
    /// </summary>
    /// <param name="timeout">How long udevadm may wait.</param>
    /// <param name="executor">Where to run udevadm; null for the local machine.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when udev settled; false when udev is not running here.</returns>
    /// <exception cref="CommandFailedException">udevadm gave up: events were still queued after the timeout.</exception>
    public static async Task<bool> SettleAsync(TimeSpan? timeout = null, ICommandExecutor? executor = null,
        CancellationToken cancellationToken = default)
    {
        if (!IsRunning || Tools.Find("udevadm") is not { } udevadm)
        {
            return false;
        }

        var seconds = (int)Math.Ceiling((timeout ?? TimeSpan.FromSeconds(120)).TotalSeconds);
        await new Command(udevadm).WithArguments("settle", $"--timeout={seconds}")
            .WithTimeout(TimeSpan.FromSeconds(seconds + 30))
            .ExecuteAsync(executor, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
