namespace Sts.Core.Commands;

/// <summary>What a finished command left behind: exit code, output and timing.</summary>
/// <param name="Command">The command that ran.</param>
/// <param name="ExitCode">The exit status; 128 + N when the process died of signal N.</param>
/// <param name="StandardOutput">Everything written to standard output, decoded as UTF-8.</param>
/// <param name="StandardError">Everything written to standard error, decoded as UTF-8.</param>
/// <param name="StartTime">When the process was started.</param>
/// <param name="Duration">Wall time from start to exit, output drained.</param>
public sealed record CommandResult(
    Command Command,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    DateTimeOffset StartTime,
    TimeSpan Duration)
{
    /// <summary>True when the exit code is zero.</summary>
    public bool IsSuccess => ExitCode == 0;

    /// <summary>Standard output split into lines, without the trailing empty line.</summary>
    public IReadOnlyList<string> OutputLines =>
        StandardOutput.Split('\n', StringSplitOptions.None) is var lines && lines.Length > 0 && lines[^1].Length == 0
            ? lines[..^1]
            : lines;
}
