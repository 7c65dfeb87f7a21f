using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Errors;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>
/// Sizes against the backing device ({loop}: 8192 sectors of 512 bytes; {loop4k}: 8192 sectors
/// of 4096-byte logical blocks). The kernel checks these when the table goes live (resume), so a
/// refusal here also proves create = create + load + resume removes the half-made device.
/// </summary>
internal static partial class HostileCorpus
{
    private const HostileCategory S = HostileCategory.Sizes;

    private static IEnumerable<HostileCase> Sizes() =>
    [
        TableText(S, "zero sectors", "0 0 linear {loop} 0", typeof(DmParseException)),
        Built(S, "zero sectors, typed", "OneLine(0, zero)", _ => DmTable.OneLine(Sectors.FromCount(0), new ZeroTarget()), typeof(DmValidationException)),
        TableText(S, "one sector of a 512-byte device", "0 1 linear {loop} 0", Device, listsBackAs: "0 1 linear {loopnum} 0"),
        TableText(S, "the whole 512-byte device", "0 8192 linear {loop} 0", Device, listsBackAs: "0 8192 linear {loopnum} 0"),
        TableText(S, "one sector more than the device", "0 8193 linear {loop} 0", typeof(DmInvalidArgumentException)),
        TableText(S, "twice the device", "0 16384 linear {loop} 0", typeof(DmInvalidArgumentException)),
        TableText(S, "the device from sector 1", "0 8192 linear {loop} 1", typeof(DmInvalidArgumentException)),
        TableText(S, "starting at the device's end", "0 8 linear {loop} 8192", typeof(DmInvalidArgumentException)),
        TableText(S, "starting at sector 2^54-1", "0 8 linear {loop} 18014398509481983", typeof(DmInvalidArgumentException)),
        TableText(S, "starting at sector 2^64-1", "0 8 linear {loop} 18446744073709551615", typeof(DmParseException)),

        TableText(S, "one 4 KiB block", "0 8 linear {loop4k} 0", Device, listsBackAs: "0 8 linear {loop4knum} 0"),
        TableText(S, "the whole 4 KiB-block device", "0 8192 linear {loop4k} 0", Device, listsBackAs: "0 8192 linear {loop4knum} 0"),
        TableText(S, "7 sectors: not a multiple of 4 KiB", "0 7 linear {loop4k} 0", typeof(DmInvalidArgumentException)),
        TableText(S, "1 sector of a 4 KiB-block device", "0 1 linear {loop4k} 0", typeof(DmInvalidArgumentException)),
        TableText(S, "an offset inside a 4 KiB block", "0 8 linear {loop4k} 1", typeof(DmInvalidArgumentException)),
        TableText(S, "a second line not aligned to 4 KiB", "0 8 zero\n8 1 linear {loop4k} 0", typeof(DmInvalidArgumentException)),
        TableText(S, "larger than the 4 KiB-block device", "0 8200 linear {loop4k} 0", typeof(DmInvalidArgumentException)),

        TableText(S, "striped, a length that is not a multiple of the chunk", "0 12 striped 2 8 {loop} 0 {loop} 4096", typeof(DmParseException)),
        RawLine(S, "striped given raw, a length that is not a multiple of the chunk", 12, "striped", "2 8 {loopnum} 0 {loopnum} 4096", typeof(DmInvalidArgumentException)),
        TableText(S, "striped over two halves", "0 16 striped 2 8 {loop} 0 {loop} 4096", Device, listsBackAs: "0 16 striped 2 8 {loopnum} 0 {loopnum} 4096"),
        RawLine(S, "thin-pool with a block size below 64 KiB", 8192, "thin-pool", "{loopnum} {loop4knum} 100 0", typeof(DmInvalidArgumentException)),
        TableText(S, "a zero device of 2^54-1 sectors, the model's largest", "0 18014398509481983 zero", Device),
    ];
}
