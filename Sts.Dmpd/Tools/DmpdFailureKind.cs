namespace Sts.Dmpd.Tools;

/// <summary>What kind of failure a persistent-data tool's exit code and messages show.</summary>
public enum DmpdFailureKind
{
    /// <summary>
    /// The command line was wrong: no input, an unknown option, a missing required option
    /// (0.9: "No input file provided.", "unrecognized option"; 1.x: clap's "error:" with exit code 2).
    /// </summary>
    Usage,

    /// <summary>
    /// The input (or output) is missing or is neither a block device nor a regular file
    /// (0.9: "Couldn't stat path", "bad path", "No such file or directory", "Output file does not exist.";
    /// 1.x: "Couldn't find input file", "Not a block device or regular file").
    /// </summary>
    BadInput,

    /// <summary>
    /// The input is not binary metadata: XML or a tiny file given to a binary tool
    /// ("This looks like XML.", "Metadata device/file too small.  Is this binary metadata?").
    /// </summary>
    NotMetadata,

    /// <summary>The metadata is damaged ("bad checksum in superblock", "superblock is corrupt", missing mappings …).</summary>
    MetadataDamaged,

    /// <summary>The tool died of a signal (exit code 128 + N), e.g. 0.9.0's era_check aborting on a damaged btree.</summary>
    Crashed,

    /// <summary>Any other failure (no metadata snapshot, an I/O error, a parse error in XML input …).</summary>
    Failed,
}
