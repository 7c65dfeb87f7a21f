namespace Sts.Core.Safety;

/// <summary>
/// Checks a path before <see cref="DeviceGuard"/> looks at what it names: text that cannot be a
/// path (empty, a NUL character) and paths that cannot be resolved (a symlink loop, a component
/// that cannot be read) become a reason to refuse, so the guard refuses them with its documented
/// <see cref="UnsafeOperationException"/> instead of letting an <see cref="ArgumentException"/>
/// or <see cref="IOException"/> escape.
/// </summary>
internal static class GuardedPath
{
    // PATH_MAX (linux/limits.h) including the NUL: longer paths fail with ENAMETOOLONG, and
    // resolving one component by component would take quadratic time first.
    private const int MaxPathLength = 4095;

    /// <summary>Why <paramref name="path"/> cannot name anything to touch, or null when it can be resolved.</summary>
    /// <param name="path">The path as the caller gave it.</param>
    /// <returns>The reason, or null.</returns>
    public static string? WhyUnusable(string path)
    {
        if (path.Length == 0)
        {
            return "the path is empty";
        }

        if (path.Length > MaxPathLength)
        {
            return $"the path is {path.Length} characters long; Linux takes at most {MaxPathLength} bytes (PATH_MAX)";
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "the path contains a NUL character, which no file name can hold";
        }

        return TryResolve(path, out _, out var error) ? null : $"it cannot be resolved: {error}";
    }

    /// <summary>Resolves every symlink like <see cref="RealPath.Resolve"/>, reporting failure instead of throwing.</summary>
    /// <param name="path">The path.</param>
    /// <param name="resolved">The resolved path, when it could be resolved.</param>
    /// <param name="error">Why not, otherwise.</param>
    /// <returns>True when resolved.</returns>
    public static bool TryResolve(string path, out string resolved, out string error)
    {
        resolved = string.Empty;
        error = string.Empty;
        if (path.Length > MaxPathLength)
        {
            error = $"the path is longer than {MaxPathLength} bytes (PATH_MAX)";
            return false;
        }

        try
        {
            resolved = RealPath.Resolve(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error = e.Message;
            return false;
        }
    }
}
