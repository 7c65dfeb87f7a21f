namespace Sts.Dmpd.Tools;

/// <summary>
/// The two generations of thin-provisioning-tools, which differ in flags, messages, exit codes
/// and output details. Sts.Dmpd gives both the same typed results; each difference is handled in
/// one place:
/// <list type="bullet">
/// <item>options and tools one generation lacks: <see cref="ArgumentWriter"/> (RequireRust,
/// RequireCpp, RequireAtLeast), called by each options record (e.g. thin_migrate from 1.1,
/// thin_metadata_pack/unpack, thin_shrink, era_repair 1.x only; --metadata-snap=BLOCK 0.9 only;
/// sizes with units for cache_metadata_size 1.x);</item>
/// <item>exit codes and messages: <see cref="DmpdFailureClassifier"/> (0.9 exits 1, 1.x 64 or
/// clap's 2; 1.x thin_trim's ENOTTY on a regular file is bad input like 0.9's "not a block device");</item>
/// <item>metadata size numbers with fractions (1.x cache_metadata_size "8246.69 sectors"):
/// <see cref="Formats.Reports.MetadataSizeReport"/> and <see cref="DmpdToolSet.EstimateCacheMetadataSizeAsync(ulong, uint?, CancellationToken)"/>;</item>
/// <item>thin_ls sizes (1.x "0b", "Tib", rounded): <see cref="Formats.Reports.ThinLsReport"/>;</item>
/// <item>thin_dump XML without flags when none is set (1.x): <see cref="Formats.Thin.ThinDumpReader"/>;</item>
/// <item>which copy of the tools runs (STS_DMPD_TOOLS): <see cref="DmpdToolSet.DetectAsync"/>.</item>
/// </list>
/// </summary>
public enum DmpdGeneration
{
    /// <summary>
    /// The C++ tools, versions before 1.0 (0.9.0 is what Debian 12 ships): every failure exits 1,
    /// usage errors print the usage text to standard error.
    /// </summary>
    Cpp,

    /// <summary>
    /// The Rust tools, 1.0 and later: failures exit 64 (EX_USAGE for every error, see
    /// <c>to_exit_code</c> in src/commands/utils.rs), command-line errors from clap exit 2,
    /// thin_trim and cache_writeback exit 65 when the metadata has errors.
    /// </summary>
    Rust,
}
