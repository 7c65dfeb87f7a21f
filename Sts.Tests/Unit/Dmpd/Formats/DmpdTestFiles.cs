using Sts.Core.Commands;
using Sts.Dmpd.Tools;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>Captured outputs under TestData/dmpd, and the real tools run by argv.</summary>
internal static class DmpdTestFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "dmpd", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));

    /// <summary>Runs a persistent-data tool of the selected tools (STS_DMPD_TOOLS, else PATH); the exit code is data.</summary>
    public static Task<CommandResult> RunAsync(string tool, params string[] arguments) =>
        new Command(DmpdToolSet.FindSelected(tool) ?? tool).WithArguments(arguments).WithValidation(CommandValidation.None)
            .WithTimeout(TimeSpan.FromMinutes(5)).ExecuteAsync();
}
