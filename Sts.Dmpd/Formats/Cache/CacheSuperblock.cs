using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Cache;

/// <summary>The <c>&lt;superblock&gt;</c> of a cache_dump XML document.</summary>
/// <param name="Uuid">The uuid attribute (empty in metadata the kernel creates).</param>
/// <param name="BlockSize">The cache block size.</param>
/// <param name="NrCacheBlocks">How many blocks the cache device holds.</param>
/// <param name="Policy">The policy name recorded in the metadata (e.g. smq).</param>
/// <param name="HintWidth">Bytes per policy hint (4 for smq and mq).</param>
public sealed record CacheSuperblock(string Uuid, Sectors BlockSize, ulong NrCacheBlocks, string Policy, uint HintWidth);
