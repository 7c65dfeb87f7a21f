namespace Sts.Dmpd.Formats.Era;

/// <summary>An <c>&lt;era block era&gt;</c> of the era array: the era a block was last written in.</summary>
/// <param name="Block">The block.</param>
/// <param name="Era">The era it was last written in.</param>
public readonly record struct EraBlock(ulong Block, uint Era);
