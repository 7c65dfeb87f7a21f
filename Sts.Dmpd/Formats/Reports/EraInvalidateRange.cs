namespace Sts.Dmpd.Formats.Reports;

/// <summary>
/// Blocks era_invalidate lists: [<see cref="Begin"/>, <see cref="End"/>). A
/// <c>&lt;block block&gt;</c> line is a range of one with <see cref="IsSingle"/> set.
/// </summary>
/// <param name="Begin">The first block.</param>
/// <param name="End">One past the last block.</param>
/// <param name="IsSingle">True for a <c>&lt;block&gt;</c> line, false for a <c>&lt;range&gt;</c>.</param>
public readonly record struct EraInvalidateRange(ulong Begin, ulong End, bool IsSingle)
{
    /// <summary>How many blocks.</summary>
    public ulong Length => End - Begin;
}
