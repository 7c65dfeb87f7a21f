using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Era;

/// <summary>The <c>&lt;superblock&gt;</c> of an era_dump XML document.</summary>
/// <param name="Uuid">The uuid attribute (empty in metadata the kernel creates).</param>
/// <param name="BlockSize">The era block size.</param>
/// <param name="NrBlocks">How many blocks the origin holds.</param>
/// <param name="CurrentEra">The era the target is in.</param>
public sealed record EraSuperblock(string Uuid, Sectors BlockSize, ulong NrBlocks, uint CurrentEra);
