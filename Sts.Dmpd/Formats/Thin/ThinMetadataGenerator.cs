using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Thin;

/// <summary>
/// Generates thin_dump XML for metadata of any size without holding it: devices whose
/// mappings follow a fixed pattern (single mappings and short ranges, separated by a one-block
/// gap so thin_dump cannot merge them). The output is what thin_dump 0.9.0 prints for the
/// metadata thin_restore builds from it, byte for byte, so tests can generate a million
/// mappings and restore them instead of doing I/O.
/// </summary>
public static class ThinMetadataGenerator
{
    // Lengths cycle through this pattern: 1.5 blocks per mapping on average, a quarter ranges.
    private static readonly ulong[] Pattern = [1, 1, 1, 4, 1, 1, 1, 2];

    /// <summary>The mappings of one generated device.</summary>
    /// <param name="count">How many mapping elements.</param>
    /// <param name="dataBegin">The first data block the device uses; it uses <see cref="CountBlocks"/> blocks from there.</param>
    /// <param name="time">The time every mapping carries.</param>
    /// <returns>A lazy sequence (nothing is held).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static IEnumerable<ThinMapping> Mappings(long count, ulong dataBegin = 0, uint time = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Generate(count, dataBegin, time);
    }

    /// <summary>How many blocks <see cref="Mappings"/> maps for a count.</summary>
    /// <param name="count">How many mapping elements.</param>
    /// <returns>The sum of their lengths.</returns>
    public static ulong CountBlocks(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var perCycle = Pattern.Aggregate(0UL, (a, b) => a + b);
        var blocks = (ulong)(count / Pattern.Length) * perCycle;
        for (var i = 0; i < count % Pattern.Length; i++)
        {
            blocks += Pattern[i];
        }

        return blocks;
    }

    /// <summary>
    /// Writes a whole document: devices 0 .. <paramref name="devices"/>-1, each with
    /// <paramref name="mappingsPerDevice"/> mappings on its own data blocks.
    /// </summary>
    /// <param name="output">Where the XML goes (left open).</param>
    /// <param name="devices">How many thin devices.</param>
    /// <param name="mappingsPerDevice">How many mapping elements each.</param>
    /// <param name="dataBlockSize">The pool's data block size; 64 KiB when null.</param>
    /// <returns>The superblock written (its nr_data_blocks covers every mapping).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static ThinSuperblock Write(Stream output, int devices, long mappingsPerDevice, Sectors? dataBlockSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(devices);
        var perDevice = CountBlocks(mappingsPerDevice);
        var superblock = new ThinSuperblock("", 0, 1, 0, 2, dataBlockSize ?? Sectors.FromCount(128), Math.Max(1, checked(perDevice * (ulong)devices)));
        using var writer = new ThinDumpWriter(output, leaveOpen: true);
        writer.WriteStartSuperblock(superblock);
        for (var d = 0; d < devices; d++)
        {
            writer.WriteDevice(new ThinDevice((uint)d, perDevice, 0, 0, 0), Generate(mappingsPerDevice, perDevice * (ulong)d, 0));
        }

        writer.WriteEndSuperblock();
        return superblock;
    }

    private static IEnumerable<ThinMapping> Generate(long count, ulong dataBegin, uint time)
    {
        ulong origin = 0, data = dataBegin;
        for (long i = 0; i < count; i++)
        {
            var length = Pattern[i % Pattern.Length];
            yield return length == 1 ? ThinMapping.OneBlock(origin, data, time) : ThinMapping.Range(origin, data, length, time);
            origin += length + 1;
            data += length;
        }
    }
}
