using Sts.Dmpd.Tools;

namespace Sts.Dmpd;

/// <summary>
/// A persistent-data tool rejected its command line or its input: a missing input, an option it
/// does not know, an input that is neither a block device nor a regular file, or a file that is
/// not binary metadata (XML given to a binary tool). <see cref="DmpdToolException.Kind"/> says which.
/// </summary>
public sealed class DmpdUsageException : DmpdToolException
{
    /// <summary>Creates the exception from a finished tool run.</summary>
    /// <param name="tool">The tool's name.</param>
    /// <param name="arguments">Its argv after the program name.</param>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="standardOutput">What it wrote to standard output.</param>
    /// <param name="standardError">What it wrote to standard error.</param>
    /// <param name="kind">
    /// <see cref="DmpdFailureKind.Usage"/>, <see cref="DmpdFailureKind.BadInput"/> or
    /// <see cref="DmpdFailureKind.NotMetadata"/>.
    /// </param>
    public DmpdUsageException(string tool, IReadOnlyList<string> arguments, int exitCode, string standardOutput,
        string standardError, DmpdFailureKind kind)
        : base(tool, arguments, exitCode, standardOutput, standardError, kind)
    {
    }
}
