using Sts.Core;

namespace Sts.Dmpd;

/// <summary>A persistent-data tool is not installed (not on PATH nor in the sbin directories).</summary>
public sealed class DmpdToolNotInstalledException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tool">The missing tool.</param>
    public DmpdToolNotInstalledException(string tool)
        : base($"'{tool}' is not installed (not on PATH nor in /sbin, /usr/sbin): install thin-provisioning-tools (device-mapper-persistent-data).") =>
        Tool = tool;

    /// <summary>The missing tool.</summary>
    public string Tool { get; }
}
