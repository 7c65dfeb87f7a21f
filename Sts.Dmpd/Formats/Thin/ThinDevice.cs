namespace Sts.Dmpd.Formats.Thin;

/// <summary>A <c>&lt;device&gt;</c> of a thin_dump XML document, without its mappings.</summary>
/// <param name="DevId">The thin device id (24 bits in the kernel; thin_dump writes it as a 32-bit number).</param>
/// <param name="MappedBlocks">The mapped block count the metadata records (thin_restore 0.9.0 recomputes it).</param>
/// <param name="Transaction">The transaction id the device was created in.</param>
/// <param name="CreationTime">The pool time when the device was created.</param>
/// <param name="SnapTime">The pool time of the device's last snapshot.</param>
public sealed record ThinDevice(uint DevId, ulong MappedBlocks, ulong Transaction, ulong CreationTime, ulong SnapTime);
