namespace Sts.Core.Safety;

/// <summary>
/// A path with every symlink resolved, in every component (like realpath(3)), so that
/// "work-dir/link/file" with link → /etc is seen as /etc/file before anything is written.
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40; // Linux's MAXSYMLINKS

    /// <summary>Resolves every symlink in every component of a path (the path need not exist past its last existing component).</summary>
    /// <param name="path">The path; relative paths are taken from the current directory.</param>
    /// <returns>The absolute path with no symlinks.</returns>
    /// <exception cref="IOException">More than 40 links were followed (a loop).</exception>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var pending = new Stack<string>(full.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Join(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many levels of symbolic links resolving '{path}'.");
            }

            foreach (var targetPart in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(targetPart);
            }

            if (target.StartsWith('/'))
            {
                current = "/";
            }
        }

        return current;
    }
}
