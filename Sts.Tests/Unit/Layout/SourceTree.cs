using NUnit.Framework;

namespace Sts.Tests.Unit.Layout;

/// <summary>
/// The repository's source files, for tests that hold the code to a rule a compiler does not
/// check. Found by walking up from the test assembly to Sts.sln; a copy of the built tests run
/// elsewhere (tmt/run-unprivileged copies bin/ only) has no sources and skips these tests.
/// </summary>
internal static class SourceTree
{
    /// <summary>The library projects: everything a user of Sts links.</summary>
    public static readonly string[] LibraryProjects = ["Sts.Core", "Sts.Dm", "Sts.Dmpd", "Sts.Results", "Sts.Cli", "fixtures"];

    /// <summary>The repository root; ignores the calling test when the sources are not beside the tests.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Sts.sln")) && Directory.Exists(Path.Combine(directory.FullName, "Sts.Core")))
                {
                    return directory.FullName;
                }
            }

            Assert.Ignore($"No Sts.sln above {AppContext.BaseDirectory}: the sources are not beside this copy of the tests.");
            return string.Empty; // not reached: Ignore throws
        }
    }

    /// <summary>The C# files of the given top-level folders (paths relative to the root, '/'-separated), build output left out.</summary>
    /// <param name="folders">Top-level folders, e.g. "Sts.Core".</param>
    /// <returns>The relative paths, sorted.</returns>
    public static IReadOnlyList<string> CSharpFiles(params string[] folders)
    {
        var root = Root;
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
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));
}
