namespace Sts.Results.Store;

/// <summary>
/// Where the result store lives: <c>$STS_RESULTS_DB</c>; else <c>results.db</c> in the artifacts
/// root (<c>$STS_ARTIFACTS</c>); else <c>artifacts/results.db</c> in the repository that holds the
/// current directory (the nearest parent with Sts.sln), or in the current directory.
/// </summary>
public static class ResultStoreLocation
{
    /// <summary>The variable naming the store's file.</summary>
    public const string Variable = "STS_RESULTS_DB";

    /// <summary>The variable naming the artifacts root.</summary>
    public const string ArtifactsVariable = "STS_ARTIFACTS";

    /// <summary>The store's file name inside an artifacts root.</summary>
    public const string FileName = "results.db";

    /// <summary>The store's path as configured (see the type's summary).</summary>
    public static string Default
    {
        get
        {
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
            {
                return Path.GetFullPath(configured);
            }

            if (Environment.GetEnvironmentVariable(ArtifactsVariable) is { Length: > 0 } artifacts)
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
