using Sts.Core.Commands;
using Sts.Core.Host;

namespace Sts.Tests.Scenarios;

/// <summary>Runs an external tool for a scenario test (argv, bounded in time); the exit code is data.</summary>
internal static class ScenarioTools
{
    /// <summary>Runs a tool and returns its result whatever the exit code.</summary>
    /// <param name="tool">The program, found on PATH or in /sbin, /usr/sbin.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>The result.</returns>
    public static Task<CommandResult> RunAsync(string tool, params string[] arguments) =>
        new Command(Tools.Find(tool) ?? tool).WithArguments(arguments)
            .WithValidation(CommandValidation.None)
            .WithTimeout(TimeSpan.FromMinutes(2))
            .ExecuteAsync();
}
