using Sts.Core.Commands;
using Sts.Core.Host;
using Sts.Core.Runs;

namespace Sts.Tests.Unit.Dmpd.Formats;

/// <summary>Captured outputs under TestData/dmpd, a scratch directory, and the real tools run by argv.</summary>
internal static class DmpdTestFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "dmpd", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));

    public static string NewScratch() =>
        Directory.CreateDirectory(Path.Combine(RunContext.Current.WorkDirectory, "dmpd-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>Creates a sparse metadata file of the given size, as thin_restore needs an existing output.</summary>
    public static string NewMetadataFile(string directory, string name, long bytes = 8 << 20)
    {
        var path = Path.Combine(directory, name);
        using var file = File.Create(path);
        file.SetLength(bytes);
        return path;
    }

    /// <summary>Runs a persistent-data tool; the exit code is data.</summary>
    public static Task<CommandResult> RunAsync(string tool, params string[] arguments) =>
        new Command(Sts.Core.Host.Tools.Find(tool) ?? tool).WithArguments(arguments).WithValidation(CommandValidation.None)
            .WithTimeout(TimeSpan.FromMinutes(5)).ExecuteAsync();
}
