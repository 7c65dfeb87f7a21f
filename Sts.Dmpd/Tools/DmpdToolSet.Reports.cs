using Sts.Dmpd.Formats.Cache;
using Sts.Dmpd.Formats.Era;
using Sts.Dmpd.Formats.Reports;
using Sts.Dmpd.Formats.Thin;

namespace Sts.Dmpd.Tools;

/// <summary>The report tools with their output parsed into the typed models of <see cref="Formats"/>.</summary>
public sealed partial class DmpdToolSet
{
    /// <summary>Runs thin_ls and parses its table.</summary>
    /// <param name="options">The options (fields, metadata snapshot, headers or not).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="DmpdToolException">thin_ls failed.</exception>
    /// <exception cref="DmpdParseException">Its output was not a thin_ls table.</exception>
    public async Task<ThinLsReport> ThinLsReportAsync(ThinLsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var output = (await ThinLsAsync(options, cancellationToken).ConfigureAwait(false)).StandardOutput;
        return options.NoHeaders
            ? ThinLsReport.ParseWithoutHeaders(output, options.Fields.IsEmpty ? ThinLsReport.DefaultFields : options.Fields)
            : ThinLsReport.Parse(output);
    }

    /// <summary>Runs thin_delta and parses its XML diff.</summary>
    /// <param name="options">The two devices and options.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The ranges (same, different, left only, right only).</returns>
    /// <exception cref="DmpdToolException">thin_delta failed.</exception>
    /// <exception cref="DmpdParseException">Its output did not parse.</exception>
    public async Task<ThinDeltaReport> ThinDeltaReportAsync(ThinDeltaOptions options, CancellationToken cancellationToken = default) =>
        ThinDeltaReport.Parse((await ThinDeltaAsync(options, cancellationToken).ConfigureAwait(false)).StandardOutput);

    /// <summary>Runs thin_rmap and parses its reverse map.</summary>
    /// <param name="options">The regions.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="DmpdToolException">thin_rmap failed.</exception>
    /// <exception cref="DmpdParseException">Its output did not parse.</exception>
    public async Task<ThinRmapReport> ThinRmapReportAsync(ThinRmapOptions options, CancellationToken cancellationToken = default) =>
        ThinRmapReport.Parse((await ThinRmapAsync(options, cancellationToken).ConfigureAwait(false)).StandardOutput);

    /// <summary>Runs era_invalidate and parses the blocks it reports.</summary>
    /// <param name="options">The era and metadata.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The ranges written since the era.</returns>
    /// <exception cref="DmpdToolException">era_invalidate failed.</exception>
    /// <exception cref="DmpdParseException">Its output did not parse.</exception>
    public async Task<EraInvalidateReport> EraInvalidateReportAsync(EraInvalidateOptions options, CancellationToken cancellationToken = default) =>
        EraInvalidateReport.Parse((await EraInvalidateAsync(options, cancellationToken).ConfigureAwait(false)).StandardOutput);

    /// <summary>Runs thin_dump and loads the whole model as the XML arrives (small metadata; read large dumps with <see cref="ThinDumpReadAsync{T}"/>, whose memory stays flat).</summary>
    /// <param name="options">The options; <see cref="ThinDumpOptions.Output"/> must be unset.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="ArgumentException">An output file was set.</exception>
    /// <exception cref="DmpdToolException">thin_dump failed.</exception>
    /// <exception cref="DmpdParseException">Its XML did not parse.</exception>
    public async Task<ThinMetadata> ThinDumpMetadataAsync(ThinDumpOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Output is not null)
        {
            throw new ArgumentException("ThinDumpMetadataAsync reads thin_dump's standard output: leave Output unset.", nameof(options));
        }

        return await ThinDumpReadAsync(options, reader => reader.ReadToEnd(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs cache_dump to standard output and loads the model.</summary>
    /// <param name="options">The options, without an output file.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="ArgumentException">An output file was set.</exception>
    /// <exception cref="DmpdToolException">cache_dump failed.</exception>
    /// <exception cref="DmpdParseException">Its XML did not parse.</exception>
    public Task<CacheMetadata> CacheDumpMetadataAsync(CacheDumpOptions options, CancellationToken cancellationToken = default) =>
        CacheDumpReadAsync(options, reader => reader.ReadToEnd(), cancellationToken);

    /// <summary>Runs era_dump to standard output and loads the model.</summary>
    /// <param name="options">The options, without an output file.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="ArgumentException">An output file was set.</exception>
    /// <exception cref="DmpdToolException">era_dump failed.</exception>
    /// <exception cref="DmpdParseException">Its XML did not parse.</exception>
    public Task<EraMetadata> EraDumpMetadataAsync(EraDumpOptions options, CancellationToken cancellationToken = default) =>
        EraDumpReadAsync(options, reader => reader.ReadToEnd(), cancellationToken);
}
