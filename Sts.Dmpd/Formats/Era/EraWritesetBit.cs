namespace Sts.Dmpd.Formats.Era;

/// <summary>A <c>&lt;bit block value&gt;</c> of a writeset: whether a block was written in that era.</summary>
/// <param name="Block">The block.</param>
/// <param name="Value">True when it was written.</param>
public readonly record struct EraWritesetBit(uint Block, bool Value);
