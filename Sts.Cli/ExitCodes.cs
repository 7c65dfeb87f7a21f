namespace Sts.Cli;

/// <summary>The exit statuses of <c>sts</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>compare</c>, no regression.</summary>
    public const int Ok = 0;

    /// <summary><c>compare</c>: the new run has regressions; <c>filter</c>: no test is in the state asked for.</summary>
    public const int Regressions = 1;

    /// <summary>Bad arguments: an unknown command or option, a missing or malformed value, a run or test that does not exist.</summary>
    public const int Usage = 2;

    /// <summary>The result store or an input file cannot be used (missing, foreign, damaged, not a trx).</summary>
    public const int Unusable = 3;
}
