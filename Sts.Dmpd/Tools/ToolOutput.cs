using System.Collections.Immutable;

namespace Sts.Dmpd.Tools;

/// <summary>What a persistent-data tool that succeeded left behind: its report text and timing.</summary>
/// <param name="Tool">The tool's name.</param>
/// <param name="Arguments">Its argv after the program name.</param>
/// <param name="ExitCode">The exit code (zero: failures throw).</param>
/// <param name="StandardOutput">Standard output: the report (thin_ls, thin_delta, thin_rmap, *_metadata_size, era_invalidate, *_dump without -o).</param>
/// <param name="StandardError">Standard error: progress and warnings.</param>
/// <param name="Duration">Wall time of the run.</param>
public sealed record ToolOutput(
    string Tool,
    ImmutableArray<string> Arguments,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Duration);
