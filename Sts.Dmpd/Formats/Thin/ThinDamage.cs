namespace Sts.Dmpd.Formats.Thin;

/// <summary>
/// Crafted damage for repair scenarios: each method returns a copy of the metadata with one
/// defect, written by <see cref="ThinDumpWriter"/> as given. What the tools make of it differs
/// by version: thin_restore 0.9.0 recomputes mapped_blocks and drops zero-length ranges (so
/// the restored metadata checks clean), but refuses mappings beyond the data device and
/// duplicate device ids. A leaked data block cannot be written in thin_dump XML at all (it has
/// no space map), so there is no helper for it.
/// </summary>
public static class ThinDamage
{
    /// <summary>Adds a <c>range_mapping</c> of length 0 after the device's last mapping (scenario 48).</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="devId">The device to damage.</param>
    /// <returns>The damaged copy.</returns>
    /// <exception cref="KeyNotFoundException">No device has that id.</exception>
    public static ThinMetadata WithZeroLengthMapping(this ThinMetadata metadata, uint devId) =>
        metadata.MapDevice(devId, d =>
        {
            var (origin, data) = Ends(d);
            return d with { Mappings = [.. d.Mappings, ThinMapping.Range(origin + 1, data, 0, 0)] };
        });

    /// <summary>Makes the device's mapped_blocks attribute wrong by <paramref name="delta"/> (scenario 48: +500).</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="devId">The device to damage.</param>
    /// <param name="delta">How far off; the result must stay a non-negative count.</param>
    /// <returns>The damaged copy.</returns>
    /// <exception cref="KeyNotFoundException">No device has that id.</exception>
    /// <exception cref="OverflowException">The count would go below zero.</exception>
    public static ThinMetadata WithMappedBlocksOffBy(this ThinMetadata metadata, uint devId, long delta) =>
        metadata.MapDevice(devId, d => d with { Device = d.Device with { MappedBlocks = checked((ulong)((long)d.Device.MappedBlocks + delta)) } });

    /// <summary>Adds a mapping onto the first data block past the end of the data device.</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="devId">The device to damage.</param>
    /// <returns>The damaged copy.</returns>
    /// <exception cref="KeyNotFoundException">No device has that id.</exception>
    public static ThinMetadata WithMappingBeyondDataDevice(this ThinMetadata metadata, uint devId) =>
        metadata.MapDevice(devId, d =>
        {
            var (origin, _) = Ends(d);
            return d with
            {
                Device = d.Device with { MappedBlocks = d.Device.MappedBlocks + 1 },
                Mappings = [.. d.Mappings, ThinMapping.OneBlock(origin + 1, metadata.Superblock.NrDataBlocks, 0)],
            };
        });

    /// <summary>Adds a mapping from a new virtual block onto a data block the device already maps (a block referenced twice by one device).</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="devId">The device to damage; it must map something.</param>
    /// <returns>The damaged copy.</returns>
    /// <exception cref="KeyNotFoundException">No device has that id.</exception>
    /// <exception cref="InvalidOperationException">The device maps nothing.</exception>
    public static ThinMetadata WithDoubleMappedDataBlock(this ThinMetadata metadata, uint devId) =>
        metadata.MapDevice(devId, d =>
        {
            var first = d.Mappings.Count > 0 ? d.Mappings[0] : throw new InvalidOperationException($"thin device {devId} maps nothing");
            var (origin, _) = Ends(d);
            return d with
            {
                Device = d.Device with { MappedBlocks = d.Device.MappedBlocks + 1 },
                Mappings = [.. d.Mappings, ThinMapping.OneBlock(origin + 1, first.DataBegin, first.Time)],
            };
        });

    /// <summary>Repeats the device under the same dev_id.</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="devId">The device to duplicate.</param>
    /// <returns>The damaged copy.</returns>
    /// <exception cref="KeyNotFoundException">No device has that id.</exception>
    public static ThinMetadata WithDuplicateDevice(this ThinMetadata metadata, uint devId)
    {
        var device = metadata.Device(devId);
        return metadata with { Devices = [.. metadata.Devices, device] };
    }

    /// <summary>Sets the superblock's nr_data_blocks (e.g. below the highest mapped data block).</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="nrDataBlocks">The count to claim.</param>
    /// <returns>The damaged copy.</returns>
    public static ThinMetadata WithNrDataBlocks(this ThinMetadata metadata, ulong nrDataBlocks) =>
        metadata with { Superblock = metadata.Superblock with { NrDataBlocks = nrDataBlocks } };

    /// <summary>The highest data block any device maps, plus one (0 when nothing is mapped).</summary>
    /// <param name="metadata">The metadata.</param>
    /// <returns>The smallest nr_data_blocks the mappings fit in.</returns>
    public static ulong DataBlocksInUse(this ThinMetadata metadata) =>
        metadata.Devices.SelectMany(d => d.Mappings).Where(m => m.Length > 0).Select(m => m.DataBegin + m.Length).DefaultIfEmpty(0UL).Max();

    private static ThinMetadata MapDevice(this ThinMetadata metadata, uint devId, Func<ThinDeviceMappings, ThinDeviceMappings> change)
    {
        var target = metadata.Device(devId);
        return metadata with { Devices = [.. metadata.Devices.Select(d => ReferenceEquals(d, target) ? change(d) : d)] };
    }

    private static (ulong NextOrigin, ulong NextData) Ends(ThinDeviceMappings device) =>
        device.Mappings.Count == 0
            ? (0, 0)
            : (device.Mappings.Max(m => m.OriginBegin + m.Length), device.Mappings.Max(m => m.DataBegin + m.Length));
}
