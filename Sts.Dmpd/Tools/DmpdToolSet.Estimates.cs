using Sts.Core;
using Sts.Core.Units;

using Sts.Dmpd.Formats.Reports;

namespace Sts.Dmpd.Tools;

/// <summary>Metadata size estimates as typed sizes.</summary>
public sealed partial class DmpdToolSet
{
    /// <summary>
    /// The metadata size thin_metadata_size estimates for a pool (run with -u s -n, so it prints
    /// a bare sector count in both generations; the generations' estimates differ a little:
    /// 9048 sectors from 0.9.0, 9056 from 1.1.0 for 64 KiB blocks, 1 GiB and 1000 thins).
    /// </summary>
    /// <param name="blockSize">The pool's data block size.</param>
    /// <param name="poolSize">The pool's data size.</param>
    /// <param name="maxThins">The most thin devices and snapshots.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The estimate in whole sectors.</returns>
    /// <exception cref="DmpdToolException">The tool failed (e.g. a block size it refuses).</exception>
    /// <exception cref="DmpdParseException">It printed something other than a size.</exception>
    public async Task<Sectors> EstimateThinMetadataSizeAsync(Size blockSize, Size poolSize, ulong maxThins,
        CancellationToken cancellationToken = default)
    {
        var output = await ThinMetadataSizeAsync(new ThinMetadataSizeOptions(blockSize, poolSize, maxThins)
        {
            Unit = MetadataSizeUnit.Sectors,
            NumericOnly = MetadataSizeNumericOnly.Number,
        }, cancellationToken).ConfigureAwait(false);
        return WholeSectors(MetadataSizeReport.Parse(output.StandardOutput, MetadataSizeUnit.Sectors), output.Tool);
    }

    /// <summary>
    /// The metadata size cache_metadata_size estimates for a number of cache blocks, rounded up
    /// to whole sectors. The generations print it differently (one parser,
    /// <see cref="MetadataSizeReport"/>, reads both): 0.9.0 prints whole sectors, rounded down
    /// ("8246 sectors" for 1000 blocks); 1.x prints the exact quotient with two decimals
    /// ("8246.69 sectors": <c>format!("{:.2}", size)</c> in src/commands/cache_metadata_size.rs),
    /// which rounds up here to 8247. So the two generations' answers may differ by one sector.
    /// </summary>
    /// <param name="nrBlocks">The number of cache blocks.</param>
    /// <param name="maxHintWidth">Bytes of hint per block; null for the tool's default (4).</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The estimate in whole sectors.</returns>
    /// <exception cref="DmpdToolException">The tool failed.</exception>
    /// <exception cref="DmpdParseException">It printed something other than a size.</exception>
    public async Task<Sectors> EstimateCacheMetadataSizeAsync(ulong nrBlocks, uint? maxHintWidth = null,
        CancellationToken cancellationToken = default)
    {
        var output = await CacheMetadataSizeAsync(new CacheMetadataSizeOptions { NrBlocks = nrBlocks, MaxHintWidth = maxHintWidth },
            cancellationToken).ConfigureAwait(false);
        return WholeSectors(MetadataSizeReport.Parse(output.StandardOutput, MetadataSizeUnit.Sectors), output.Tool);
    }

    /// <summary>
    /// The metadata size cache_metadata_size estimates for a cache block size and fast device
    /// size, rounded up to whole sectors (the generations print it as
    /// <see cref="EstimateCacheMetadataSizeAsync(ulong, uint?, CancellationToken)"/> says).
    /// </summary>
    /// <param name="blockSize">The cache block size.</param>
    /// <param name="deviceSize">The fast device's size.</param>
    /// <param name="maxHintWidth">Bytes of hint per block; null for the tool's default (4).</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <returns>The estimate in whole sectors.</returns>
    /// <exception cref="DmpdToolException">The tool failed.</exception>
    /// <exception cref="DmpdParseException">It printed something other than a size.</exception>
    public async Task<Sectors> EstimateCacheMetadataSizeAsync(Size blockSize, Size deviceSize, uint? maxHintWidth = null,
        CancellationToken cancellationToken = default)
    {
        var output = await CacheMetadataSizeAsync(new CacheMetadataSizeOptions { BlockSize = blockSize, DeviceSize = deviceSize, MaxHintWidth = maxHintWidth },
            cancellationToken).ConfigureAwait(false);
        return WholeSectors(MetadataSizeReport.Parse(output.StandardOutput, MetadataSizeUnit.Sectors), output.Tool);
    }

    /// <summary>A metadata size report as whole sectors, rounded up (a fraction of a sector still needs the sector).</summary>
    /// <param name="report">The parsed report; it must have a unit.</param>
    /// <param name="tool">The tool, for the error.</param>
    /// <returns>The sectors.</returns>
    /// <exception cref="StsException">The report has no unit.</exception>
    internal static Sectors WholeSectors(MetadataSizeReport report, string tool)
    {
        var bytes = report.Bytes ?? throw new StsException($"{tool} printed {report.Value} without a unit; cannot tell the sectors.");
        return Sectors.FromCount((long)decimal.Ceiling(bytes / 512m));
    }
}
