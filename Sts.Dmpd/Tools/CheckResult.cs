using System.Collections.Immutable;

namespace Sts.Dmpd.Tools;

/// <summary>
/// What thin_check, cache_check or era_check concluded, derived from the exit code and the
/// messages: the exit code is data here, so no outcome throws until <see cref="ThrowIfNotClean"/>.
/// </summary>
/// <param name="Tool">The tool's name.</param>
/// <param name="Arguments">Its argv after the program name.</param>
/// <param name="Outcome">What the check concluded.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Messages">The error lines of standard error: progress lines ("examining superblock") and usage text left out.</param>
/// <param name="StandardOutput">Standard output (0.9.0's thin_check prints TRANSACTION_ID= and METADATA_FREE_BLOCKS= there).</param>
/// <param name="StandardError">Standard error, whole.</param>
/// <param name="Duration">Wall time of the run.</param>
public sealed record CheckResult(
    string Tool,
    ImmutableArray<string> Arguments,
    CheckOutcome Outcome,
    int ExitCode,
    ImmutableArray<string> Messages,
    string StandardOutput,
    string StandardError,
    TimeSpan Duration)
{
    private static readonly string[] ProgressPrefixes =
    [
        "examining ",
        "checking space map",
    ];

    /// <summary>True when the metadata checked clean.</summary>
    public bool IsClean => Outcome == CheckOutcome.Clean;

    /// <summary>True when the tool found damage that a repair tool should fix.</summary>
    public bool NeedsRepair => Outcome == CheckOutcome.ErrorsFound;

    /// <summary>True when the messages blame the superblock ("superblock is corrupt", "bad checksum in superblock").</summary>
    public bool SuperblockDamaged =>
        Outcome is CheckOutcome.ErrorsFound && Messages.Any(m => m.Contains("superblock", StringComparison.OrdinalIgnoreCase));

    /// <summary>Builds a result from a finished run.</summary>
    /// <param name="tool">The tool.</param>
    /// <param name="arguments">Its argv.</param>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="standardOutput">Standard output.</param>
    /// <param name="standardError">Standard error.</param>
    /// <param name="duration">Wall time.</param>
    /// <returns>The classified result.</returns>
    public static CheckResult FromRun(string tool, IEnumerable<string> arguments, int exitCode, string standardOutput,
        string standardError, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(standardError);
        return new CheckResult(tool, [.. arguments], DmpdFailureClassifier.ClassifyCheck(exitCode, standardError), exitCode,
            ErrorLines(standardError), standardOutput, standardError, duration);
    }

    /// <summary>Throws unless the metadata checked clean.</summary>
    /// <exception cref="DmpdUsageException">The outcome is a usage error, a bad input or not metadata.</exception>
    /// <exception cref="DmpdToolException">Errors were found, the tool crashed or failed otherwise.</exception>
    public void ThrowIfNotClean()
    {
        var kind = Outcome switch
        {
            CheckOutcome.Clean => (DmpdFailureKind?)null,
            CheckOutcome.UsageError => DmpdFailureKind.Usage,
            CheckOutcome.BadInput => DmpdFailureKind.BadInput,
            CheckOutcome.NotMetadata => DmpdFailureKind.NotMetadata,
            CheckOutcome.Crashed => DmpdFailureKind.Crashed,
            CheckOutcome.Failed => DmpdFailureKind.Failed,
            _ => DmpdFailureKind.MetadataDamaged,
        };
        if (kind is { } k)
        {
            throw DmpdToolSet.CreateException(Tool, Arguments, ExitCode, StandardOutput, StandardError, k);
        }
    }

    private static ImmutableArray<string> ErrorLines(string standardError)
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        foreach (var raw in standardError.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Usage:", StringComparison.Ordinal))
            {
                break; // the C++ tools print their usage text after the error; it is not a message
            }

            if (line.Length == 0 || ProgressPrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            lines.Add(line);
        }

        return lines.ToImmutable();
    }
}
