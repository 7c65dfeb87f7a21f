namespace Sts.Dmpd.Tools;

/// <summary>
/// The two generations of thin-provisioning-tools, which differ in flags, messages and exit codes.
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
