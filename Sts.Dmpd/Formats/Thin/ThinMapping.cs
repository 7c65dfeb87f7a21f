namespace Sts.Dmpd.Formats.Thin;

/// <summary>
/// One mapping of a thin device: <see cref="Length"/> consecutive virtual (origin) blocks from
/// <see cref="OriginBegin"/> onto data blocks from <see cref="DataBegin"/>. thin_dump writes a
/// run of one block as <c>&lt;single_mapping&gt;</c> and longer runs as
/// <c>&lt;range_mapping&gt;</c>; <see cref="IsSingle"/> keeps which one so a dump writes back
/// identically. A value type: millions of them stream without allocating.
/// </summary>
/// <param name="OriginBegin">The first virtual block.</param>
/// <param name="DataBegin">The first data block.</param>
/// <param name="Length">How many blocks (1 for a single mapping; a crafted range may say 0).</param>
/// <param name="Time">The pool time the blocks were written at.</param>
/// <param name="IsSingle">True for <c>&lt;single_mapping&gt;</c>, false for <c>&lt;range_mapping&gt;</c>.</param>
public readonly record struct ThinMapping(ulong OriginBegin, ulong DataBegin, ulong Length, uint Time, bool IsSingle)
{
    /// <summary>A <c>&lt;single_mapping origin_block data_block time&gt;</c>.</summary>
    /// <param name="originBlock">The virtual block.</param>
    /// <param name="dataBlock">The data block.</param>
    /// <param name="time">The pool time it was written at.</param>
    /// <returns>The mapping, of length 1.</returns>
    public static ThinMapping OneBlock(ulong originBlock, ulong dataBlock, uint time) => new(originBlock, dataBlock, 1, time, true);

    /// <summary>A <c>&lt;range_mapping origin_begin data_begin length time&gt;</c>.</summary>
    /// <param name="originBegin">The first virtual block.</param>
    /// <param name="dataBegin">The first data block.</param>
    /// <param name="length">How many blocks; any value, 0 included, so damage can be crafted.</param>
    /// <param name="time">The pool time they were written at.</param>
    /// <returns>The mapping.</returns>
    public static ThinMapping Range(ulong originBegin, ulong dataBegin, ulong length, uint time) => new(originBegin, dataBegin, length, time, false);

    /// <summary>
    /// The mapping as thin_dump 0.9.0 would write it: a run of one block is a single mapping.
    /// </summary>
    /// <returns>This mapping with <see cref="IsSingle"/> set from the length.</returns>
    public ThinMapping Normalized() => this with { IsSingle = Length == 1 };
}
