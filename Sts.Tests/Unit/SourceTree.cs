using NUnit.Framework;

namespace Sts.Tests.Unit;

/// <summary>
/// The repository the test assembly was built in, for host tests of its scripts and documents:
/// the nearest directory above the assembly that holds a given file. A test run from a copy of
/// the assembly alone (no checkout above it: tmt/run-unprivileged copies bin/ only) is ignored
/// with that reason.
/// </summary>
internal static class SourceTree
{
    /// <summary>The library projects: everything a user of Sts links.</summary>
    public static readonly string[] LibraryProjects = ["Sts.Core", "Sts.Dm", "Sts.Dmpd", "Sts.Results", "Sts.Cli", "fixtures"];

    /// <summary>The repository's root directory.</summary>
    /// <param name="marker">A file the repository holds, relative to its root (e.g. "tmt/run-suite").</param>
    /// <returns>The root's full path.</returns>
    public static string Root(string marker = "Sts.sln")
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, marker)))
            {
                return directory.FullName;
            }
        }

        Assert.Ignore($"{marker} is not above the test assembly (not run from the repository)");
        return string.Empty;
    }

    /// <summary>The full path of a file of the repository.</summary>
    /// <param name="relative">The file, relative to the repository's root.</param>
    /// <returns>Its full path.</returns>
    public static string PathOf(string relative) => Path.Combine(Root(relative), relative);

    /// <summary>The C# files of the given top-level folders (paths relative to the root, '/'-separated), build output left out.</summary>
    /// <param name="folders">Top-level folders, e.g. "Sts.Core".</param>
    /// <returns>The relative paths, sorted.</returns>
    public static IReadOnlyList<string> CSharpFiles(params string[] folders)
    {
        var root = Root();
        return folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A file's text.</summary>
    /// <param name="relativePath">A path from <see cref="CSharpFiles"/>.</param>
    /// <returns>The text.</returns>
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root(), relativePath));
}
