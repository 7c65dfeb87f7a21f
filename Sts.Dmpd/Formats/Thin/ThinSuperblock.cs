using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Thin;

/// <summary>
/// The <c>&lt;superblock&gt;</c> of a thin_dump XML document: the pool's metadata header.
/// </summary>
/// <param name="Uuid">The uuid attribute (empty in metadata the kernel creates).</param>
/// <param name="Time">The pool's current time (bumped by every snapshot).</param>
/// <param name="Transaction">The pool's transaction id (set_transaction_id).</param>
/// <param name="Flags">The superblock flags (1: needs_check). The reader gives 0 when the document omits them (1.x omits them when no flag is set, tools before 0.7 always); null only in a model built by hand, which is then written without the attribute.</param>
/// <param name="Version">The metadata format version; null when omitted (tools before 0.7).</param>
/// <param name="DataBlockSize">The pool's data block size.</param>
/// <param name="NrDataBlocks">How many data blocks the pool's data device holds.</param>
/// <param name="MetadataSnap">The metadata snapshot's block, when one is held and dumped.</param>
public sealed record ThinSuperblock(
    string Uuid,
    ulong Time,
    ulong Transaction,
    uint? Flags,
    uint? Version,
    Sectors DataBlockSize,
    ulong NrDataBlocks,
    ulong? MetadataSnap = null);
