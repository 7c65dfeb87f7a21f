namespace Sts.Dmpd.Formats.Thin;

/// <summary>A device of a loaded thin_dump document with all its mappings, in document order.</summary>
/// <param name="Device">The device header.</param>
/// <param name="Mappings">Its mappings as the document lists them.</param>
public sealed record ThinDeviceMappings(ThinDevice Device, IReadOnlyList<ThinMapping> Mappings)
{
    /// <summary>The number of blocks the mappings cover (the sum of their lengths).</summary>
    public ulong CountMappedBlocks() => Mappings.Aggregate(0UL, (sum, m) => checked(sum + m.Length));
}
