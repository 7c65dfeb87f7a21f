namespace Sts.Dmpd.Tools;

/// <summary>The thin tools.</summary>
public sealed partial class DmpdToolSet
{
    /// <summary>Runs thin_check.</summary>
    /// <param name="options">What to check and how.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The classified outcome and the tool's messages; any exit code is returned, not thrown.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    public Task<CheckResult> ThinCheckAsync(ThinCheckOptions options, CancellationToken cancellationToken = default) =>
        CheckAsync(options, cancellationToken);

    /// <summary>Runs thin_dump.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output; StandardOutput holds the dump unless Output names a file.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinDumpAsync(ThinDumpOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_restore.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output (the tool writes its result to the output file or device).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinRestoreAsync(ThinRestoreOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_repair.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output (the tool writes its result to the output file or device).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinRepairAsync(ThinRepairOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_ls.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output; StandardOutput holds the report.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinLsAsync(ThinLsOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_delta.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output; StandardOutput holds the report.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinDeltaAsync(ThinDeltaOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_trim.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output (the tool writes its result to the output file or device).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinTrimAsync(ThinTrimOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_metadata_size.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output; StandardOutput holds the report.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinMetadataSizeAsync(ThinMetadataSizeOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_rmap.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output; StandardOutput holds the report.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinRmapAsync(ThinRmapOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_metadata_pack (1.x only).</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output (the tool writes its result to the output file or device).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinMetadataPackAsync(ThinMetadataPackOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_metadata_unpack (1.x only).</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output (the tool writes its result to the output file or device).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinMetadataUnpackAsync(ThinMetadataUnpackOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_shrink (1.x only).</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output (the tool writes its result to the output file or device).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    public Task<ToolOutput> ThinShrinkAsync(ThinShrinkOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);

    /// <summary>Runs thin_migrate (1.1 and later) on a read-only thin of a live pool whose metadata snapshot is reserved.</summary>
    /// <param name="options">The tool's options.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The output (the tool writes the copy to the destination).</returns>
    /// <exception cref="DmpdOptionNotSupportedException">The installed version has no thin_migrate.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise (e.g. the source is not read-only: "not a read-only device").</exception>
    public Task<ToolOutput> ThinMigrateAsync(ThinMigrateOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken);
}
