namespace Sts.Results.Model;

/// <summary>How one test ended, in the terms a kernel QA engineer reads a night run in.</summary>
public enum TestOutcome
{
    /// <summary>The test passed.</summary>
    Passed,

    /// <summary>The test failed (an assertion, an exception, a failed set-up).</summary>
    Failed,

    /// <summary>The test did not run; the record's message says why (a missing prerequisite, an ignore).</summary>
    Skipped,

    /// <summary>The test failed as a known, already reported kernel or tool bug predicts ([KnownKernelIssue], [KnownToolIssue]).</summary>
    KnownIssue,

    /// <summary>The kernel logged a warning, BUG or oops, or became tainted, while the test ran.</summary>
    KernelFinding,

    /// <summary>The test exceeded its time limit (the hang watchdog fired).</summary>
    Hang,
}
