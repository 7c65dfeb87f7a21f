namespace Sts.Dmpd.Tools;

/// <summary>
/// Options of a checking tool (thin_check, cache_check, era_check), whose exit code is data:
/// running one returns a <see cref="CheckResult"/> instead of throwing.
/// </summary>
/// <param name="Input">The metadata device or file to check.</param>
public abstract record DmpdCheckOptions(string Input) : DmpdToolOptions
{
    /// <summary>-q: suppress messages, return only the exit code (the outcome is then less specific).</summary>
    public bool Quiet { get; init; }
}
