namespace Sts.Results.Model;

/// <summary>What a run ran on: one row of the store's runs.</summary>
/// <param name="Id">The run's id (the Sts run id, 8 hex digits, for recorded runs).</param>
/// <param name="ResultSet">The result set the run belongs to: a name the user gives (STS_RESULT_SET), by default the kernel release.</param>
/// <param name="KernelRelease">The kernel under test, as <c>uname -r</c> prints it.</param>
/// <param name="KernelOrigin">Where that kernel came from: "this machine", "lab VM", or what STS_KERNEL_ORIGIN says.</param>
/// <param name="ToolVersions">The tools' versions, e.g. "dmsetup 1.02.185; thin_check 0.9.0", or "" when unknown.</param>
/// <param name="DmDriverVersion">The device-mapper driver's version, e.g. "4.47.0", or "" when unknown.</param>
/// <param name="Backend">The device-mapper backend the fixtures used: "ioctl" or "dmsetup" (or "" when unknown).</param>
/// <param name="Host">The machine's name.</param>
/// <param name="Started">When the run began (UTC).</param>
/// <param name="Source">How the run came in: "nunit" (recorded as it ran) or "trx:FILE" (imported).</param>
public sealed record RunInfo(
    string Id,
    string ResultSet,
    string KernelRelease,
    string KernelOrigin,
    string ToolVersions,
    string DmDriverVersion,
    string Backend,
    string Host,
    DateTimeOffset Started,
    string Source);
