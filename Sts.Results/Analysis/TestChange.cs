using Sts.Results.Model;

namespace Sts.Results.Analysis;

/// <summary>One test in a comparison: its result in the base run and in the new run.</summary>
/// <param name="Test">The test's full name.</param>
/// <param name="Kind">How it changed.</param>
/// <param name="Old">Its base-run result, or null when the base run lacks it.</param>
/// <param name="New">Its new-run result, or null when the new run lacks it.</param>
public sealed record TestChange(string Test, ChangeKind Kind, TestRecord? Old, TestRecord? New)
{
    /// <summary>The change of duration (new minus old), or null when one side is missing.</summary>
    public TimeSpan? TimeChange => Old is not null && New is not null ? New.Duration - Old.Duration : null;
}
