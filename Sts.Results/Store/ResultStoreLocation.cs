using Sts.Core;

namespace Sts.Results.Store;

/// <summary>
/// Where the result store lives: <c>$STS_RESULTS_DB</c>; else <c>results.db</c> in the artifacts
/// root (<c>$STS_ARTIFACTS</c>); else <c>artifacts/results.db</c> in the repository that holds the
/// current directory (the nearest parent with Sts.sln), or in the current directory.
/// </summary>
public static class ResultStoreLocation
{
    /// <summary>The variable naming the store's file.</summary>
    public const string Variable = StsEnvironment.Variables.ResultsDatabase;

    /// <summary>The variable naming the artifacts root.</summary>
    public const string ArtifactsVariable = StsEnvironment.Variables.Artifacts;

    /// <summary>The store's file name inside an artifacts root.</summary>
    public const string FileName = "results.db";

    /// <summary>The store's path as configured (see the type's summary).</summary>
    public static string Default
    {
        get
        {
            if (StsEnvironment.ResultsDatabase is { } configured)
            {
                return Path.GetFullPath(configured);
            }

            if (StsEnvironment.Artifacts is { } artifacts)
            {
                return Path.GetFullPath(Path.Combine(artifacts, FileName));
            }

            var directory = new DirectoryInfo(Environment.CurrentDirectory);
            for (var d = directory; d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Sts.sln")))
                {
                    return Path.Combine(d.FullName, "artifacts", FileName);
                }
            }

            return Path.Combine(directory.FullName, "artifacts", FileName);
        }
    }
}
