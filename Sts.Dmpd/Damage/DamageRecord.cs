using System.Collections.Immutable;

namespace Sts.Dmpd.Damage;

/// <summary>What a damage helper changed: where, and the bytes before and after (for logs and for undoing).</summary>
/// <param name="Target">The file or device, its real path (symlinks resolved).</param>
/// <param name="Offset">The byte offset of the first changed byte.</param>
/// <param name="Before">The bytes that were there.</param>
/// <param name="After">The bytes written.</param>
public sealed record DamageRecord(string Target, long Offset, ImmutableArray<byte> Before, ImmutableArray<byte> After);
