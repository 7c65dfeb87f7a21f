namespace Sts.Results.Analysis;

/// <summary>How a test changed from the base run to the new run, in the order a report lists them.</summary>
public enum ChangeKind
{
    /// <summary>It fails (failed, kernel finding, hang) in the new run and did not in the base run: a regression.</summary>
    NewFailure,

    /// <summary>It failed in the base run and passes in the new run.</summary>
    Fixed,

    /// <summary>It ran in the base run and is skipped in the new run.</summary>
    NewlySkipped,

    /// <summary>It passed in both, and took longer in the new run beyond the threshold.</summary>
    Slower,

    /// <summary>It fails in both runs.</summary>
    StillFailing,

    /// <summary>Any other change of outcome (a known issue appearing or going, a skip that now runs, a failure of another kind).</summary>
    OtherChange,

    /// <summary>Only the new run has it.</summary>
    Added,

    /// <summary>Only the base run has it.</summary>
    Removed,
}
