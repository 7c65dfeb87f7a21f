namespace Sts.Dmpd.Formats.Era;

/// <summary>A <c>&lt;writeset era nr_bits&gt;</c>: the blocks written during one archived era.</summary>
/// <param name="Era">The era.</param>
/// <param name="NrBits">The bitset's size as recorded.</param>
/// <param name="Bits">The bits in document order.</param>
public sealed record EraWriteset(uint Era, uint NrBits, IReadOnlyList<EraWritesetBit> Bits);
