namespace Sts.Dmpd.Tools;

/// <summary>What a checking tool (thin_check, cache_check, era_check) concluded.</summary>
public enum CheckOutcome
{
    /// <summary>Exit code 0: the metadata is consistent (non-fatal errors may be ignored when asked).</summary>
    Clean,

    /// <summary>The tool found errors in the metadata; the messages say which. The metadata needs repair.</summary>
    ErrorsFound,

    /// <summary>The command line was wrong (no input, unknown option).</summary>
    UsageError,

    /// <summary>The input is missing or is neither a block device nor a regular file.</summary>
    BadInput,

    /// <summary>The input is not binary metadata (XML, or smaller than one 4 KiB block).</summary>
    NotMetadata,

    /// <summary>The tool died of a signal; 0.9.0's era_check aborts on some damaged btrees.</summary>
    Crashed,

    /// <summary>Another failure, e.g. a metadata snapshot was asked for and there is none.</summary>
    Failed,
}
