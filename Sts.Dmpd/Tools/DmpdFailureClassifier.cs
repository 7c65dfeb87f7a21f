namespace Sts.Dmpd.Tools;

/// <summary>
/// Tells what kind of failure a tool's exit code and messages show. The C++ tools exit 1 for
/// everything and the Rust tools 64 for everything but clap's usage errors (2), so the messages
/// carry the information; the phrases below are the ones both generations print (0.9.0 observed
/// by running it; 1.x from src/commands/utils.rs and clap).
/// </summary>
public static class DmpdFailureClassifier
{
    private static readonly string[] NotMetadataPhrases =
    [
        "This looks like XML",
        "Is this binary metadata?",
        "Metadata device/file too small",
    ];

    private static readonly string[] UsagePhrases =
    [
        "No input file provided",
        "no input file provided",
        "No output file provided",
        "no output file provided",
        "unrecognized option",
        "invalid option",
        "option requires an argument",
        "doesn't allow an argument",
        "not specified.",
        "No regions provided",
        "Please specify",
        "required!",
        "unknown format",
        "unknown field",
        "badly formed region",
        "bad lexical cast",
        // clap (1.x)
        "error: Found argument",
        "error: unexpected argument",
        "error: The following required arguments were not provided",
        "error: the following required arguments were not provided",
        "error: Invalid value",
        "error: invalid value",
        "error: The argument",
        "error: the argument",
    ];

    private static readonly string[] BadInputPhrases =
    [
        "Couldn't stat path",
        "Couldn't stat file",
        "bad path",
        "No such file or directory",
        "Not a block device or regular file",
        "Couldn't find input file",
        "Couldn't find output file",
        "Output file does not exist",
        "Output file too small",
        "is not a block device",
        "Permission denied",
        // 1.x: thin_trim checks the metadata first, then its BLKDISCARD ioctl on a data "device"
        // that is a regular file fails with ENOTTY (0.9.0 refuses it up front: "is not a block device").
        "Inappropriate ioctl for device",
    ];

    private static readonly string[] OtherFailurePhrases =
    [
        "No metadata snapshot found",
        "no current metadata snap",
        "Parse error",
        "not well-formed",
    ];

    /// <summary>Classifies a failed run.</summary>
    /// <param name="exitCode">The exit code (non-zero).</param>
    /// <param name="standardError">What the tool wrote to standard error.</param>
    /// <param name="checkingTool">True for thin_check, cache_check and era_check, whose unexplained failures mean damage.</param>
    /// <returns>The kind of failure.</returns>
    public static DmpdFailureKind Classify(int exitCode, string standardError, bool checkingTool)
    {
        ArgumentNullException.ThrowIfNull(standardError);
        if (exitCode >= 128)
        {
            return DmpdFailureKind.Crashed;
        }

        // Before damage: 0.9.0 first reports "bad checksum in superblock" for an XML file, then says it is XML.
        if (ContainsAny(standardError, NotMetadataPhrases))
        {
            return DmpdFailureKind.NotMetadata;
        }

        if (ContainsAny(standardError, UsagePhrases) || (exitCode == 2 && standardError.Contains("error:", StringComparison.Ordinal)))
        {
            return DmpdFailureKind.Usage;
        }

        if (ContainsAny(standardError, BadInputPhrases))
        {
            return DmpdFailureKind.BadInput;
        }

        if (ContainsAny(standardError, OtherFailurePhrases))
        {
            return DmpdFailureKind.Failed;
        }

        if (checkingTool || LooksDamaged(standardError))
        {
            return DmpdFailureKind.MetadataDamaged;
        }

        return DmpdFailureKind.Failed;
    }

    /// <summary>The outcome a checking tool's run stands for.</summary>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="standardError">What it wrote to standard error.</param>
    /// <returns>The outcome.</returns>
    public static CheckOutcome ClassifyCheck(int exitCode, string standardError) =>
        exitCode == 0
            ? CheckOutcome.Clean
            : Classify(exitCode, standardError, checkingTool: true) switch
            {
                DmpdFailureKind.Usage => CheckOutcome.UsageError,
                DmpdFailureKind.BadInput => CheckOutcome.BadInput,
                DmpdFailureKind.NotMetadata => CheckOutcome.NotMetadata,
                DmpdFailureKind.Crashed => CheckOutcome.Crashed,
                DmpdFailureKind.Failed => CheckOutcome.Failed,
                _ => CheckOutcome.ErrorsFound,
            };

    private static bool LooksDamaged(string text) =>
        text.Contains("checksum", StringComparison.OrdinalIgnoreCase) ||
        text.Contains("corrupt", StringComparison.OrdinalIgnoreCase) ||
        text.Contains("superblock", StringComparison.OrdinalIgnoreCase) ||
        text.Contains("missing", StringComparison.OrdinalIgnoreCase) ||
        text.Contains("damaged", StringComparison.OrdinalIgnoreCase);

    private static bool ContainsAny(string text, string[] phrases) =>
        phrases.Any(phrase => text.Contains(phrase, StringComparison.Ordinal));
}
