using System.Text.RegularExpressions;
using Sts.Core.Commands;

namespace Sts.Core.Host;

/// <summary>
/// External tools: where one is installed and which version it reports. The sbin directories
/// are searched too, because storage tools live there and PATH often lacks them for non-root.
/// </summary>
public static partial class Tools
{
    private static readonly string[] ExtraDirectories = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    /// <summary>Finds an executable by name on PATH or in the sbin directories.</summary>
    /// <param name="name">The program name, e.g. "dmsetup".</param>
    /// <returns>Its full path, or null when it is not installed.</returns>
    public static string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutable(name) ? Path.GetFullPath(name) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(IsExecutable);
    }

    /// <summary>
    /// Runs the tool with a version flag and reads the first version number it prints
    /// ("losetup from util-linux 2.38.1" → 2.38.1; thin_check -V → 0.9.0).
    /// </summary>
    /// <param name="name">The program name.</param>
    /// <param name="versionArgument">The flag that prints the version.</param>
    /// <param name="executor">Where to run it; null for the local machine.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version, or null when the tool printed none.</returns>
    /// <exception cref="CommandStartException">The tool is not installed.</exception>
    public static async Task<Version?> GetVersionAsync(string name, string versionArgument = "--version",
        ICommandExecutor? executor = null, CancellationToken cancellationToken = default)
    {
        var result = await new Command(Find(name) ?? name).WithArguments(versionArgument)
            .WithValidation(CommandValidation.None).WithTimeout(TimeSpan.FromSeconds(30))
            .ExecuteAsync(executor, cancellationToken).ConfigureAwait(false);
        return ParseVersion(result.StandardOutput + "\n" + result.StandardError);
    }

    /// <summary>Reads the first dotted version number (at least major.minor) in a text.</summary>
    /// <param name="text">A tool's version output.</param>
    /// <returns>The version, or null when there is none.</returns>
    public static Version? ParseVersion(string text)
    {
        var match = VersionPattern().Match(text);
        return match.Success && Version.TryParse(match.Value, out var version) ? version : null;
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    // ASCII digits only, and no backtracking: an unanchored \d+ on a long run of digits took
    // quadratic time.
    [GeneratedRegex(@"[0-9]+\.[0-9]+(\.[0-9]+){0,2}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
