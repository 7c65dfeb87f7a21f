using System.Collections.Immutable;
using Sts.Core;
using Sts.Core.Commands;
using Sts.Dmpd.Tools;

namespace Sts.Dmpd;

/// <summary>
/// A persistent-data tool (thin_*, cache_*, era_*) failed: it exited non-zero, or died of a
/// signal. Carries the tool, its argv, the exit code, what it wrote and what kind of failure the
/// output shows. <see cref="DmpdUsageException"/> is the subtype for usage errors.
/// </summary>
public class DmpdToolException : StsException
{
    /// <summary>Creates the exception from a finished tool run.</summary>
    /// <param name="tool">The tool's name, e.g. "thin_dump".</param>
    /// <param name="arguments">Its argv after the program name.</param>
    /// <param name="exitCode">The exit code; 128 + N when it died of signal N.</param>
    /// <param name="standardOutput">What it wrote to standard output.</param>
    /// <param name="standardError">What it wrote to standard error.</param>
    /// <param name="kind">What kind of failure its output shows.</param>
    public DmpdToolException(string tool, IReadOnlyList<string> arguments, int exitCode, string standardOutput,
        string standardError, DmpdFailureKind kind)
        : base(BuildMessage(tool, arguments, exitCode, standardError, kind))
    {
        Tool = tool;
        Arguments = [.. arguments];
        ExitCode = exitCode;
        StandardOutput = standardOutput;
        StandardError = standardError;
        Kind = kind;
    }

    /// <summary>The tool's name.</summary>
    public string Tool { get; }

    /// <summary>Its argv after the program name.</summary>
    public ImmutableArray<string> Arguments { get; }

    /// <summary>The exit code; 128 + N when it died of signal N.</summary>
    public int ExitCode { get; }

    /// <summary>What it wrote to standard output.</summary>
    public string StandardOutput { get; }

    /// <summary>What it wrote to standard error (the tools write their messages there).</summary>
    public string StandardError { get; }

    /// <summary>What kind of failure the output shows.</summary>
    public DmpdFailureKind Kind { get; }

    private static string BuildMessage(string tool, IReadOnlyList<string> arguments, int exitCode, string standardError,
        DmpdFailureKind kind)
    {
        var stderr = standardError.Trim();
        if (stderr.Length > 2000)
        {
            stderr = string.Concat(stderr.AsSpan(0, 2000), " …");
        }

        var detail = stderr.Length > 0 ? $" Standard error: {stderr}" : " It wrote nothing to standard error.";
        return $"{tool} failed ({kind}) with exit code {exitCode}: `{CommandLine.Format(tool, arguments)}`.{detail}";
    }
}
