using Sts.Core;

namespace Sts.Dmpd;

/// <summary>
/// A persistent-data tool is not installed: not on PATH nor in the sbin directories, or not in the
/// selected tools directory (STS_DMPD_TOOLS), e.g. a tool only the other generation ships.
/// </summary>
public sealed class DmpdToolNotInstalledException : StsException
{
    /// <summary>Creates the exception for a tool missing from PATH and the sbin directories.</summary>
    /// <param name="tool">The missing tool.</param>
    public DmpdToolNotInstalledException(string tool)
        : this(tool, directory: null)
    {
    }

    /// <summary>Creates the exception for a tool missing from a selected tools directory.</summary>
    /// <param name="tool">The missing tool.</param>
    /// <param name="directory">The tools directory (STS_DMPD_TOOLS or the caller's); null for PATH.</param>
    public DmpdToolNotInstalledException(string tool, string? directory)
        : base(directory is null
            ? $"'{tool}' is not installed (not on PATH nor in /sbin, /usr/sbin): install thin-provisioning-tools (device-mapper-persistent-data)."
            : $"'{tool}' is not in the selected tools directory {directory} (STS_DMPD_TOOLS or DmpdToolSet.DetectAsync's toolsDirectory).")
    {
        Tool = tool;
        Directory = directory;
    }

    /// <summary>The missing tool.</summary>
    public string Tool { get; }

    /// <summary>The tools directory it was looked for in, or null for PATH.</summary>
    public string? Directory { get; }
}
