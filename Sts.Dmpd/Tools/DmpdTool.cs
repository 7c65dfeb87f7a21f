using System.Collections.Frozen;
using Sts.Core.Commands;
using HostTools = Sts.Core.Host.Tools;

namespace Sts.Dmpd.Tools;

/// <summary>
/// One persistent-data tool found by its name, as sts_libs users look for it (<c>ThinCheck</c>,
/// <c>get_help("thin_check")</c>): its help, its version, and its run. The run takes the tool's
/// typed options (e.g. <see cref="ThinCheckOptions"/>) through a <see cref="DmpdToolSet"/>,
/// so argv, version checks and failure classification stay in one place.
/// </summary>
/// <example><code>
/// var thinCheck = DmpdTool.Named("thin_check");
/// string usage = await thinCheck.HelpAsync();
/// Version? version = await thinCheck.VersionAsync();
/// var tools = await DmpdToolSet.DetectAsync();
/// var check = await thinCheck.CheckAsync(tools, new ThinCheckOptions("meta.bin"));
/// </code></example>
public sealed class DmpdTool
{
    private static readonly FrozenSet<string> Known = new[]
    {
        "cache_check", "cache_dump", "cache_metadata_size", "cache_repair", "cache_restore", "cache_writeback",
        "era_check", "era_dump", "era_invalidate", "era_repair", "era_restore",
        "thin_check", "thin_delta", "thin_dump", "thin_ls", "thin_metadata_pack", "thin_metadata_size", "thin_migrate",
        "thin_metadata_unpack", "thin_repair", "thin_restore", "thin_rmap", "thin_shrink", "thin_trim",
    }.ToFrozenSet(StringComparer.Ordinal);

    private DmpdTool(string name) => Name = name;

    /// <summary>Every tool name Sts has typed options for, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Order(StringComparer.Ordinal).ToList();

    /// <summary>The tool's name, e.g. "thin_check".</summary>
    public string Name { get; }

    /// <summary>True when the tool is installed on this machine.</summary>
    public bool IsInstalled => DmpdToolSet.IsInstalled(Name);

    /// <summary>The tool with this name.</summary>
    /// <param name="name">e.g. "thin_check", "cache_repair", "era_invalidate".</param>
    /// <returns>The tool.</returns>
    /// <exception cref="ArgumentException">No persistent-data tool has that name; the message lists the names.</exception>
    public static DmpdTool Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Known.Contains(name)
            ? new DmpdTool(name)
            : throw new ArgumentException($"\"{name}\" is not a persistent-data tool; known: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>The tool's usage text (<c>--help</c>), whichever stream it printed it on.</summary>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The text.</returns>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    public async Task<string> HelpAsync(CancellationToken cancellationToken = default)
    {
        var program = DmpdToolSet.FindSelected(Name) ?? throw new DmpdToolNotInstalledException(Name);
        var result = await new Command(program).WithArguments("--help").WithValidation(CommandValidation.None)
            .WithTimeout(TimeSpan.FromSeconds(30)).ExecuteAsync(null, cancellationToken).ConfigureAwait(false);
        return result.StandardOutput.Length > 0 ? result.StandardOutput : result.StandardError;
    }

    /// <summary>The tool's version (<c>--version</c>).</summary>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The version, or null when it printed none.</returns>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    public Task<Version?> VersionAsync(CancellationToken cancellationToken = default)
    {
        if (!IsInstalled)
        {
            throw new DmpdToolNotInstalledException(Name);
        }

        return HostTools.GetVersionAsync(DmpdToolSet.FindSelected(Name) ?? Name, "--version", cancellationToken: cancellationToken);
    }

    /// <summary>Runs the tool with its typed options and requires success (<see cref="DmpdToolSet.RunAsync"/>).</summary>
    /// <param name="tools">The installed tool set (its version decides the argv).</param>
    /// <param name="options">This tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>Its output.</returns>
    /// <exception cref="ArgumentException">The options are for another tool.</exception>
    /// <exception cref="DmpdOptionNotSupportedException">An option is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> RunAsync(DmpdToolSet tools, DmpdToolOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tools);
        EnsureMine(options);
        return tools.RunAsync(options, cancellationToken);
    }

    /// <summary>Runs a checking tool; its exit code is data (<see cref="DmpdToolSet.CheckAsync"/>).</summary>
    /// <param name="tools">The installed tool set.</param>
    /// <param name="options">This tool's check options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The classified outcome.</returns>
    /// <exception cref="ArgumentException">The options are for another tool.</exception>
    /// <exception cref="DmpdOptionNotSupportedException">An option is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    public Task<CheckResult> CheckAsync(DmpdToolSet tools, DmpdCheckOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tools);
        EnsureMine(options);
        return tools.CheckAsync(options, cancellationToken);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private void EnsureMine(DmpdToolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Tool != Name)
        {
            throw new ArgumentException($"These options are for {options.Tool}, not {Name}.", nameof(options));
        }
    }
}
