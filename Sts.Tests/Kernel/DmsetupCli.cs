using Sts.Core.Commands;

namespace Sts.Tests.Kernel;

/// <summary>dmsetup as the reference the kernel tests cross-check against (argv only, bounded time).</summary>
internal static class DmsetupCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs dmsetup, which must succeed, and returns its standard output.</summary>
    public static async Task<string> Run(params string[] arguments) =>
        (await new Command("dmsetup").WithArguments(arguments).WithTimeout(Timeout).ExecuteAsync()).StandardOutput;

    /// <summary>Runs dmsetup and returns its exit code, whatever it is.</summary>
    public static async Task<int> ExitCode(params string[] arguments) =>
        (await new Command("dmsetup").WithArguments(arguments).WithValidation(CommandValidation.None)
            .WithTimeout(Timeout).ExecuteAsync()).ExitCode;
}
