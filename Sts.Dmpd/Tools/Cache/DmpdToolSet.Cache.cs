namespace Sts.Dmpd.Tools;

/// <summary>The cache tools.</summary>
public sealed partial class DmpdToolSet
{
    /// <summary>Runs cache_check.</summary>
    /// <param name="options">What to check and how.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The classified outcome and the tool's messages; any exit code is returned, not thrown.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    public Task<CheckResult> CacheCheckAsync(CacheCheckOptions options, CancellationToken cancellationToken = default) =>
        CheckAsync(options, cancellationToken);

    /// <summary>Runs cache_dump.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output; StandardOutput holds the dump unless Output names a file.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> CacheDumpAsync(CacheDumpOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs cache_restore.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output (the tool writes its result to the output file or device).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> CacheRestoreAsync(CacheRestoreOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs cache_repair.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output (the tool writes its result to the output file or device).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> CacheRepairAsync(CacheRepairOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs cache_metadata_size.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output; StandardOutput holds the report.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> CacheMetadataSizeAsync(CacheMetadataSizeOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs cache_writeback.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output (the tool writes its result to the output file or device).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> CacheWritebackAsync(CacheWritebackOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);
}
