using Sts.Core.Commands;
using Sts.Dmpd.Formats.Cache;
using Sts.Dmpd.Formats.Era;
using Sts.Dmpd.Formats.Thin;

namespace Sts.Dmpd.Tools;

/// <summary>
/// The dump tools with their standard output read by the streaming readers of
/// <see cref="Formats"/> while the tool runs: the XML is never held in memory, so memory stays
/// flat however many mappings the metadata holds.
/// </summary>
public sealed partial class DmpdToolSet
{
    /// <summary>Runs thin_dump and hands its XML, as it is written, to a streaming reader.</summary>
    /// <typeparam name="T">What the caller reads out of the dump.</typeparam>
    /// <param name="options">The options; <see cref="ThinDumpOptions.Output"/> must be unset.</param>
    /// <param name="read">Reads the dump (on a worker thread, while thin_dump runs); the reader is disposed afterwards.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    /// <exception cref="ArgumentException">An output file was set.</exception>
    /// <exception cref="DmpdOptionNotSupportedException">An option is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    /// <exception cref="DmpdParseException">It succeeded but its XML did not parse.</exception>
    /// <exception cref="CommandTimeoutException">It ran past <see cref="Timeout"/>.</exception>
    public Task<T> ThinDumpReadAsync<T>(ThinDumpOptions options, Func<ThinDumpReader, T> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(read);
        return ReadDumpAsync(options, options.Output, stream =>
        {
            using var reader = ThinDumpReader.Open(stream, leaveOpen: true);
            return read(reader);
        }, cancellationToken);
    }

    /// <summary>Runs cache_dump and hands its XML, as it is written, to a streaming reader.</summary>
    /// <typeparam name="T">What the caller reads out of the dump.</typeparam>
    /// <param name="options">The options; <see cref="CacheDumpOptions.Output"/> must be unset.</param>
    /// <param name="read">Reads the dump (on a worker thread, while cache_dump runs); the reader is disposed afterwards.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    /// <exception cref="ArgumentException">An output file was set.</exception>
    /// <exception cref="DmpdOptionNotSupportedException">An option is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    /// <exception cref="DmpdParseException">It succeeded but its XML did not parse.</exception>
    /// <exception cref="CommandTimeoutException">It ran past <see cref="Timeout"/>.</exception>
    public Task<T> CacheDumpReadAsync<T>(CacheDumpOptions options, Func<CacheDumpReader, T> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(read);
        return ReadDumpAsync(options, options.Output, stream =>
        {
            using var reader = CacheDumpReader.Open(stream, leaveOpen: true);
            return read(reader);
        }, cancellationToken);
    }

    /// <summary>Runs era_dump and hands its XML, as it is written, to a streaming reader.</summary>
    /// <typeparam name="T">What the caller reads out of the dump.</typeparam>
    /// <param name="options">The options; <see cref="EraDumpOptions.Output"/> must be unset.</param>
    /// <param name="read">Reads the dump (on a worker thread, while era_dump runs); the reader is disposed afterwards.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    /// <exception cref="ArgumentException">An output file was set.</exception>
    /// <exception cref="DmpdOptionNotSupportedException">An option is not in the installed version.</exception>
    /// <exception cref="DmpdToolNotInstalledException">The tool is not installed.</exception>
    /// <exception cref="DmpdUsageException">It rejected its command line or input.</exception>
    /// <exception cref="DmpdToolException">It failed otherwise.</exception>
    /// <exception cref="DmpdParseException">It succeeded but its XML did not parse.</exception>
    /// <exception cref="CommandTimeoutException">It ran past <see cref="Timeout"/>.</exception>
    public Task<T> EraDumpReadAsync<T>(EraDumpOptions options, Func<EraDumpReader, T> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(read);
        return ReadDumpAsync(options, options.Output, stream =>
        {
            using var reader = EraDumpReader.Open(stream, leaveOpen: true);
            return read(reader);
        }, cancellationToken);
    }

    private async Task<T> ReadDumpAsync<T>(DmpdToolOptions options, string? output, Func<Stream, T> read,
        CancellationToken cancellationToken)
    {
        if (output is not null)
        {
            throw new ArgumentException($"Reading {options.Tool}'s dump as it runs needs its standard output: leave Output unset.",
                nameof(options));
        }

        T value = default!;
        // The readers are synchronous (XmlReader): they block a worker thread, not the caller.
        var result = await ExecuteAsync(options, cancellationToken,
            (stream, token) => Task.Run(() => value = read(stream), token)).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var kind = DmpdFailureClassifier.Classify(result.ExitCode, result.StandardError, checkingTool: false);
            throw CreateException(options.Tool, result.Command.Arguments, result.ExitCode, result.StandardOutput,
                result.StandardError, kind);
        }

        return value;
    }
}
