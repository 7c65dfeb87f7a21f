using Sts.Core;

namespace Sts.Dmpd;

/// <summary>
/// An option (or a whole tool) was asked for that the installed thin-provisioning-tools version
/// does not have. Thrown before anything runs, so a test fails with this clear reason instead of
/// an obscure message from the tool.
/// </summary>
public sealed class DmpdOptionNotSupportedException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tool">The tool, e.g. "thin_check".</param>
    /// <param name="option">The option as the tool spells it (or the tool's name when the whole tool is missing).</param>
    /// <param name="version">The detected tools version.</param>
    /// <param name="requirement">Which versions have it, e.g. "1.x (Rust) only".</param>
    public DmpdOptionNotSupportedException(string tool, string option, Version version, string requirement)
        : base($"{tool} {version} does not support {option}: it is in {requirement}.")
    {
        Tool = tool;
        Option = option;
        Version = version;
        Requirement = requirement;
    }

    /// <summary>The tool.</summary>
    public string Tool { get; }

    /// <summary>The option that is not supported.</summary>
    public string Option { get; }

    /// <summary>The detected tools version.</summary>
    public Version Version { get; }

    /// <summary>Which versions have the option.</summary>
    public string Requirement { get; }
}
