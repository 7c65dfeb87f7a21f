using NUnit.Framework;

namespace Sts.Tests.Unit;

/// <summary>
/// The repository the test assembly was built in, for host tests of its scripts and documents:
/// the nearest directory above the assembly that holds a given file. A test run from a copy of
/// the assembly alone (no checkout above it) is ignored with that reason.
/// </summary>
internal static class SourceTree
{
    /// <summary>The repository's root directory.</summary>
    /// <param name="marker">A file the repository holds, relative to its root (e.g. "tmt/run-suite").</param>
    /// <returns>The root's full path.</returns>
    public static string Root(string marker)
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
}
