using Sts.Core;
using Sts.Core.Commands;
using HostTools = Sts.Core.Host.Tools;

namespace Sts.Dmpd.Tools;

/// <summary>
/// The selected thin-provisioning-tools: the version is detected once (<c>thin_check -V</c>),
/// and every tool is run from typed options built into argv for that version. Which copy of the
/// tools runs is chosen once, at detection: a tools directory given to <see cref="DetectAsync"/>,
/// else the directory in the environment variable <c>STS_DMPD_TOOLS</c> (e.g. a 1.x package
/// unpacked beside the distribution's 0.9), else PATH and the sbin directories. Options the version
/// lacks are refused with <see cref="DmpdOptionNotSupportedException"/> before anything runs.
/// Checking tools return a <see cref="CheckResult"/>; the others return a <see cref="ToolOutput"/>
/// or throw <see cref="DmpdUsageException"/> / <see cref="DmpdToolException"/>.
/// </summary>
/// <example><code>
/// var tools = await DmpdToolSet.DetectAsync();
/// await tools.ThinRestoreAsync(new ThinRestoreOptions("pool.xml", "meta.bin"));
/// var check = await tools.ThinCheckAsync(new ThinCheckOptions("meta.bin"));
/// check.Outcome.Should().Be(CheckOutcome.Clean);
/// string xml = (await tools.ThinDumpAsync(new ThinDumpOptions("meta.bin"))).StandardOutput;
/// await tools.ThinDumpAsync(new ThinDumpOptions("meta.bin") { Output = "dump.xml" });
/// </code></example>
public sealed partial class DmpdToolSet
{
    /// <summary>How long one tool may run unless set otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The environment variable that selects the tools directory (unset or empty: PATH).</summary>
    public const string ToolsDirectoryVariable = StsEnvironment.Variables.DmpdTools;

    private readonly ICommandExecutor? _executor;

    private DmpdToolSet(Version version, ICommandExecutor? executor, TimeSpan timeout, string? toolsDirectory)
    {
        Version = version;
        _executor = executor;
        Timeout = timeout;
        ToolsDirectory = toolsDirectory;
    }

    /// <summary>
    /// The directory the tools run from, or null when they are found on PATH and in the sbin
    /// directories.
    /// </summary>
    public string? ToolsDirectory { get; }

    /// <summary>The tools directory <c>STS_DMPD_TOOLS</c> selects, or null when it is unset or empty.</summary>
    public static string? SelectedDirectory => StsEnvironment.DmpdTools;

    /// <summary>The installed tools version, e.g. 0.9.0.</summary>
    public Version Version { get; }

    /// <summary>The generation of <see cref="Version"/>.</summary>
    public DmpdGeneration Generation => GenerationOf(Version);

    /// <summary>How long one tool may run before it is killed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// Selects the tools and detects their version by running <c>thin_check -V</c>.
    /// </summary>
    /// <param name="executor">Where the tools run; null for the local machine.</param>
    /// <param name="timeout">How long one tool may run; null for <see cref="DefaultTimeout"/>.</param>
    /// <param name="toolsDirectory">
    /// The directory holding the tools (e.g. <c>/var/cache/sts/debs/thin-provisioning-tools_1.1.0-4+b1/usr/sbin</c>);
    /// null for <see cref="SelectedDirectory"/> (<c>STS_DMPD_TOOLS</c>), and without that PATH.
    /// </param>
    /// <param name="cancellationToken">Cancels the detection.</param>
    /// <returns>The tool set.</returns>
    /// <exception cref="DmpdToolNotInstalledException">thin_check is not installed, or not in the tools directory.</exception>
    /// <exception cref="Sts.Core.StsException">thin_check printed no version.</exception>
    public static async Task<DmpdToolSet> DetectAsync(ICommandExecutor? executor = null, TimeSpan? timeout = null,
        string? toolsDirectory = null, CancellationToken cancellationToken = default)
    {
        const string probe = "thin_check";
        var directory = toolsDirectory ?? SelectedDirectory;
        if (directory is not null && IsLocal(executor))
        {
            directory = Path.GetFullPath(directory);
        }

        var program = Locate(probe, directory, executor) ?? throw new DmpdToolNotInstalledException(probe, directory);
        Version? version;
        try
        {
            version = await HostTools.GetVersionAsync(program, "-V", executor, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandStartException)
        {
            throw new DmpdToolNotInstalledException(probe, directory); // found by name but could not be started (remote host, permissions)
        }

        return version is null
            ? throw new Sts.Core.StsException($"{program} -V printed no version number; cannot tell the tools generation.")
            : new DmpdToolSet(version, executor, timeout ?? DefaultTimeout, directory);
    }

    /// <summary>
    /// A tool set for a known version, without running anything: for building argv in tests and
    /// for hosts where the version is known.
    /// </summary>
    /// <param name="version">The tools version.</param>
    /// <param name="executor">Where the tools run; null for the local machine.</param>
    /// <param name="timeout">How long one tool may run; null for <see cref="DefaultTimeout"/>.</param>
    /// <returns>The tool set.</returns>
    public static DmpdToolSet ForVersion(Version version, ICommandExecutor? executor = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new DmpdToolSet(version, executor, timeout ?? DefaultTimeout, toolsDirectory: null);
    }

    /// <summary>The generation a version belongs to: 1.0 and later are the Rust tools.</summary>
    /// <param name="version">A tools version.</param>
    /// <returns>The generation.</returns>
    public static DmpdGeneration GenerationOf(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Major >= 1 ? DmpdGeneration.Rust : DmpdGeneration.Cpp;
    }

    /// <summary>True when the tool is installed on this machine, in the selected tools (<see cref="SelectedDirectory"/>, else PATH).</summary>
    /// <param name="tool">The tool's name, e.g. "era_repair".</param>
    /// <returns>Whether it was found.</returns>
    public static bool IsInstalled(string tool) => FindSelected(tool) is not null;

    /// <summary>
    /// Where the selected tools (<see cref="SelectedDirectory"/>, else PATH and the sbin
    /// directories) have a tool on this machine.
    /// </summary>
    /// <param name="tool">The tool's name, e.g. "thin_migrate".</param>
    /// <returns>Its full path, or null when the selected tools lack it.</returns>
    public static string? FindSelected(string tool) => Locate(tool, SelectedDirectory is { } d ? Path.GetFullPath(d) : null, executor: null);

    /// <summary>Where this tool set has a tool: its full path, or null when this copy of the tools lacks it.</summary>
    /// <param name="tool">The tool's name, e.g. "era_repair" (which 1.1.0's package does not install).</param>
    /// <returns>The path (on a remote executor: the name in <see cref="ToolsDirectory"/>, or the bare name).</returns>
    public string? Find(string tool) => Locate(tool, ToolsDirectory, _executor);

    /// <summary>"thin-provisioning-tools 1.1.0 (Rust generation) from DIR", for logs and skip reasons.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"thin-provisioning-tools {Version} ({(Generation == DmpdGeneration.Rust ? "Rust" : "C++")} generation) from {ToolsDirectory ?? "PATH"}";

    /// <summary>Builds the command that would run these options, without running it.</summary>
    /// <param name="options">The tool and its options.</param>
    /// <returns>The command (validation off: the caller classifies the exit code).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option or the tool is not in <see cref="Version"/>.</exception>
    /// <exception cref="ArgumentException">A required value is missing or out of range.</exception>
    public Command BuildCommand(DmpdToolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = options.BuildArguments(Version);
        var program = Find(options.Tool) ?? options.Tool;
        return new Command(program).WithArguments(arguments).WithValidation(CommandValidation.None).WithTimeout(Timeout);
    }

    /// <summary>Runs a checking tool; its exit code is data.</summary>
    /// <param name="options">thin_check, cache_check or era_check options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The classified outcome with the tool's messages.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option is not in <see cref="Version"/>.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="CommandTimeoutException">It ran past <see cref="Timeout"/>.</exception>
    public async Task<CheckResult> CheckAsync(DmpdCheckOptions options, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(options, cancellationToken).ConfigureAwait(false);
        return CheckResult.FromRun(options.Tool, result.Command.Arguments, result.ExitCode, result.StandardOutput,
            result.StandardError, result.Duration);
    }

    /// <summary>Runs a tool and requires success.</summary>
    /// <param name="options">The tool and its options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>Its output.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option or the tool is not in <see cref="Version"/>.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input (usage, bad input, not metadata).</exception>
    /// <exception cref="DmpdToolException">It failed otherwise (damaged metadata, crash, …).</exception>
    /// <exception cref="CommandTimeoutException">It ran past <see cref="Timeout"/>.</exception>
    public async Task<ToolOutput> RunAsync(DmpdToolOptions options, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(options, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var kind = DmpdFailureClassifier.Classify(result.ExitCode, result.StandardError, checkingTool: options is DmpdCheckOptions);
            throw CreateException(options.Tool, result.Command.Arguments, result.ExitCode, result.StandardOutput,
                result.StandardError, kind);
        }

        return new ToolOutput(options.Tool, result.Command.Arguments, result.ExitCode, result.StandardOutput,
            result.StandardError, result.Duration);
    }

    /// <summary>The exception type for a kind of failure: usage-like kinds get <see cref="DmpdUsageException"/>.</summary>
    internal static DmpdToolException CreateException(string tool, IReadOnlyList<string> arguments, int exitCode,
        string standardOutput, string standardError, DmpdFailureKind kind) =>
        kind is DmpdFailureKind.Usage or DmpdFailureKind.BadInput or DmpdFailureKind.NotMetadata
            ? new DmpdUsageException(tool, arguments, exitCode, standardOutput, standardError, kind)
            : new DmpdToolException(tool, arguments, exitCode, standardOutput, standardError, kind);

    private async Task<CommandResult> ExecuteAsync(DmpdToolOptions options, CancellationToken cancellationToken,
        Func<Stream, CancellationToken, Task>? outputReader = null)
    {
        var command = BuildCommand(options).WithStandardOutputReader(outputReader);
        if (IsLocal(_executor) && !Path.IsPathRooted(command.Program))
        {
            throw new DmpdToolNotInstalledException(options.Tool, ToolsDirectory);
        }

        return await command.ExecuteAsync(_executor, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsLocal(ICommandExecutor? executor) => executor is null or LocalCommandExecutor;

    // One place decides where a tool is: in the tools directory when one is selected (nothing
    // else then, so a tool the selected generation lacks is never taken from the other one on
    // PATH), else on PATH and in the sbin directories.
    private static string? Locate(string tool, string? directory, ICommandExecutor? executor)
    {
        ArgumentException.ThrowIfNullOrEmpty(tool);
        if (directory is null)
        {
            return IsLocal(executor) ? HostTools.Find(tool) : tool;
        }

        var path = Path.Combine(directory, tool);
        return !IsLocal(executor) || HostTools.Find(path) is not null ? path : null;
    }
}
