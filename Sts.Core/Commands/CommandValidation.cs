namespace Sts.Core.Commands;

/// <summary>What an executor checks about a finished command before returning its result.</summary>
public enum CommandValidation
{
    /// <summary>A non-zero exit code throws <see cref="CommandFailedException"/>. The default.</summary>
    ZeroExitCode = 0,

    /// <summary>The exit code is data: the result is returned whatever it is (e.g. thin_check).</summary>
    None = 1,
}
