using System.Globalization;
using Sts.Core;
using Sts.Core.Units;

using Sts.Dmpd.Formats.Reports;

namespace Sts.Dmpd.Tools;

/// <summary>Metadata size estimates as typed sizes.</summary>
public sealed partial class DmpdToolSet
{
    /// <summary>
    /// The metadata size thin_metadata_size estimates for a pool (run with -u s -n, so it prints
    /// a bare sector count in both generations).
    /// </summary>
    /// <param name="blockSize">The pool's data block size.</param>
    /// <param name="poolSize">The pool's data size.</param>
    /// <param name="maxThins">The most thin devices and snapshots.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The estimate in sectors.</returns>
    /// <exception cref="DmpdToolException">The tool failed (e.g. a block size it refuses).</exception>
    /// <exception cref="StsException">It printed something other than a number.</exception>
    public async Task<Sectors> EstimateThinMetadataSizeAsync(Size blockSize, Size poolSize, ulong maxThins,
        CancellationToken cancellationToken = default)
    {
        var output = await ThinMetadataSizeAsync(new ThinMetadataSizeOptions(blockSize, poolSize, maxThins)
        {
            Unit = MetadataSizeUnit.Sectors,
            NumericOnly = MetadataSizeNumericOnly.Number,
        }, cancellationToken).ConfigureAwait(false);
        return LeadingSectors(output);
    }

    /// <summary>
    /// The metadata size cache_metadata_size estimates for a number of cache blocks. Both
    /// generations print "N sectors" by default.
    /// </summary>
    /// <param name="nrBlocks">The number of cache blocks.</param>
    /// <param name="maxHintWidth">Bytes of hint per block; null for the tool's default (4).</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The estimate in sectors.</returns>
    /// <exception cref="DmpdToolException">The tool failed.</exception>
    /// <exception cref="StsException">It printed something other than "N sectors".</exception>
    public async Task<Sectors> EstimateCacheMetadataSizeAsync(ulong nrBlocks, uint? maxHintWidth = null,
        CancellationToken cancellationToken = default)
    {
        var output = await CacheMetadataSizeAsync(new CacheMetadataSizeOptions { NrBlocks = nrBlocks, MaxHintWidth = maxHintWidth },
            cancellationToken).ConfigureAwait(false);
        return LeadingSectors(output);
    }

    private static Sectors LeadingSectors(ToolOutput output)
    {
        var text = output.StandardOutput.Trim();
        var end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        var rest = text[end..].Trim();
        if (end == 0 || !(rest.Length == 0 || rest == "sectors") ||
            !long.TryParse(text.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new StsException($"{output.Tool} printed '{text}', not a sector count.");
        }

        return Sectors.FromCount(count);
    }
}
