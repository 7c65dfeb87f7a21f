namespace Sts.Results.Model;

/// <summary>
/// Reads the parts of the diagnostics text the guard around destructive tests writes at a failure
/// (Sts.Fixtures TestGuard): its kernel-log section starts with <see cref="KernelLogHeading"/> and
/// ends where <see cref="CommandsHeading"/> begins.
/// </summary>
public static class DiagnosticsText
{
    /// <summary>The heading of the kernel-log section.</summary>
    public const string KernelLogHeading = "Kernel log since the test began:";

    /// <summary>The heading of the section that follows it.</summary>
    public const string CommandsHeading = "Commands the test ran:";

    /// <summary>The kernel-log excerpt in a diagnostics text, or null when it has none.</summary>
    /// <param name="diagnostics">The diagnostics text, or null.</param>
    /// <returns>The excerpt's lines (without the heading), or null.</returns>
    public static string? KernelLogExcerpt(string? diagnostics)
    {
        if (diagnostics is null)
        {
            return null;
        }

        var start = diagnostics.IndexOf(KernelLogHeading, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += KernelLogHeading.Length;
        var end = diagnostics.IndexOf(CommandsHeading, start, StringComparison.Ordinal);
        var excerpt = (end < 0 ? diagnostics[start..] : diagnostics[start..end]).Trim('\n', '\r');
        return excerpt.Length == 0 ? null : excerpt;
    }
}
