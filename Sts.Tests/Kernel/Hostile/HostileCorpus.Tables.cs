using Sts.Dm;
using Sts.Dm.Errors;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>
/// Tables: refused by the typed model (<see cref="DmParseException"/>), refused by the kernel
/// (<see cref="DmInvalidArgumentException"/>, nothing left behind), refused before either backend
/// sends text the two would carry differently (<see cref="DmValidationException"/>), or a device.
/// </summary>
internal static partial class HostileCorpus
{
    private const HostileCategory T = HostileCategory.Tables;

    private static IEnumerable<HostileCase> Tables() =>
    [
        // Shapes.
        TableText(T, "zero length: no line at all", "", typeof(DmParseException)),
        TableText(T, "a line of length 0", "0 0 zero", typeof(DmParseException)),
        TableText(T, "a gap between lines", "0 8 zero\n16 8 zero", typeof(DmParseException)),
        TableText(T, "overlapping lines", "0 16 zero\n8 8 zero", typeof(DmParseException)),
        TableText(T, "the first line does not start at 0", "8 8 zero", typeof(DmParseException)),
        TableText(T, "a start before 0", "-8 8 zero", typeof(DmParseException)),
        TableText(T, "a negative length", "0 -8 zero", typeof(DmParseException)),
        TableText(T, "no target type", "0 8", typeof(DmParseException)),
        TableText(T, "a target type alone", "zero", typeof(DmParseException)),
        TableText(T, "two valid lines", "0 8 zero\n8 8 error", Device),
        TableText(T, "1000 one-sector lines", string.Concat(Enumerable.Range(0, 1000).Select(i => $"{i} 1 zero\n")), Device),

        // Sizes that overflow.
        TableText(T, "2^64-1 sectors", "0 18446744073709551615 zero", typeof(DmParseException)),
        TableText(T, "2^64 sectors", "0 18446744073709551616 zero", typeof(DmParseException)),
        TableText(T, "2^63-1 sectors (past 2^63 bytes)", "0 9223372036854775807 zero", typeof(DmParseException)),
        TableText(T, "two lines whose sum passes 2^54 sectors", "0 9007199254740992 zero\n9007199254740992 9007199254740992 zero", typeof(DmParseException)),
        TableText(T, "two lines whose sum overflows 64 bits", "0 18014398509481983 zero\n18014398509481983 18446744073709551615 zero", typeof(DmParseException)),
        TableText(T, "a length with a unit", "0 8k zero", typeof(DmParseException)),

        // Unknown target types.
        TableText(T, "an unknown target type", "0 8 sts-no-such", typeof(DmInvalidArgumentException)),
        TableText(T, "a non-ASCII target type", "0 8 zérø", typeof(DmInvalidArgumentException)),
        TableText(T, "a target type of 16 bytes (DM_MAX_TYPE_NAME)", "0 8 sixteen-bytes-xx", typeof(DmParseException)),
        TableText(T, "a target type with metacharacters", "0 8 $(touch)", typeof(DmInvalidArgumentException)),

        // Wrong argument counts, caught by the typed model.
        TableText(T, "zero with an argument", "0 8 zero extra", typeof(DmParseException)),
        TableText(T, "linear without an offset", "0 8 linear {loop}", typeof(DmParseException)),
        TableText(T, "linear with an extra argument", "0 8 linear {loop} 0 extra", typeof(DmParseException)),
        TableText(T, "striped with fewer legs than it says", "0 16 striped 2 8 {loop} 0", typeof(DmParseException)),
        TableText(T, "thin-pool without its block size", "0 8192 thin-pool {loop} {loop4k}", typeof(DmParseException)),
        TableText(T, "thin without its device id", "0 8 thin {loopnum}", typeof(DmParseException)),
        TableText(T, "cache with one device", "0 8 cache {loop}", typeof(DmParseException)),

        // Wrong argument counts given raw, judged by the kernel.
        RawLine(T, "linear, no argument", 8, "linear", "", typeof(DmInvalidArgumentException)),
        RawLine(T, "linear, one argument", 8, "linear", "{loopnum}", typeof(DmInvalidArgumentException)),
        RawLine(T, "linear, three arguments", 8, "linear", "{loopnum} 0 1", typeof(DmInvalidArgumentException)),
        RawLine(T, "linear, an offset that is not a number", 8, "linear", "{loopnum} x", typeof(DmInvalidArgumentException)),
        RawLine(T, "striped, a missing leg", 16, "striped", "2 8 {loopnum} 0", typeof(DmInvalidArgumentException)),
        RawLine(T, "striped, zero stripes", 16, "striped", "0 8", typeof(DmInvalidArgumentException)),
        RawLine(T, "zero, one argument", 8, "zero", "1", typeof(DmInvalidArgumentException)),
        // (error with arguments is left out: 6.1 ignores them and makes the device, 6.12 refuses them; the backends agreed on both.)
        RawLine(T, "error, no argument", 8, "error", "", Device, listsBackAs: "0 8 error"),
        RawLine(T, "thin-pool, three arguments", 8192, "thin-pool", "{loopnum} {loop4knum} 128", typeof(DmInvalidArgumentException)),
        RawLine(T, "thin, one argument", 8, "thin", "{loopnum}", typeof(DmInvalidArgumentException)),
        RawLine(T, "cache, one argument", 8, "cache", "{loopnum}", typeof(DmInvalidArgumentException)),
        RawLine(T, "snapshot, one argument", 8, "snapshot", "{loopnum}", typeof(DmInvalidArgumentException)),
        RawLine(T, "snapshot-origin, no argument", 8, "snapshot-origin", "", typeof(DmInvalidArgumentException)),
        RawLine(T, "mirror, a log without legs", 8, "mirror", "core 1 8", typeof(DmInvalidArgumentException)),
        RawLine(T, "delay, no argument", 8, "delay", "", typeof(DmInvalidArgumentException)),
        RawLine(T, "flakey, no intervals", 8, "flakey", "{loopnum} 0", typeof(DmInvalidArgumentException)),
        RawLine(T, "era, no argument", 8, "era", "", typeof(DmInvalidArgumentException)),
        RawLine(T, "crypt, a cipher alone", 8, "crypt", "aes-xts-plain64", typeof(DmInvalidArgumentException)),
        RawLine(T, "raid, a level alone", 8, "raid", "raid1", typeof(DmInvalidArgumentException)),
        RawLine(T, "writecache, a mode alone", 8, "writecache", "s", typeof(DmInvalidArgumentException)),
        RawLine(T, "a huge argument list", 8, "zero", string.Join(' ', Enumerable.Repeat("a", 50_000)), typeof(DmInvalidArgumentException)),

        // Devices that do not exist, and paths with metacharacters.
        TableText(T, "device 0:0", "0 8 linear 0:0 0", typeof(DmInvalidArgumentException)),
        TableText(T, "a minor beyond 20 bits", "0 8 linear 7:1048576 0", typeof(DmInvalidArgumentException)),
        TableText(T, "major and minor 2^32-1", "0 8 linear 4294967295:4294967295 0", typeof(DmInvalidArgumentException)),
        TableText(T, "a major of 2^32", "0 8 linear 4294967296:0 0", typeof(DmParseException)),
        TableText(T, "a path that does not exist", "0 8 linear /dev/does-not-exist 0", typeof(DmInvalidArgumentException)),
        TableText(T, "a relative path", "0 8 linear loop0 0", typeof(DmParseException)),
        TableText(T, "a path with command substitution", "0 8 linear /dev/$(touch${IFS}{marker}) 0", typeof(DmInvalidArgumentException)),
        TableText(T, "a path with a semicolon", "0 8 linear {loop};touch${IFS}{marker} 0", typeof(DmInvalidArgumentException)),
        TableText(T, "a path with backticks and a glob", "0 8 linear /dev/loop*`touch${IFS}{marker}` 0", typeof(DmInvalidArgumentException)),
        TableText(T, "a path given by its name (lists back as major:minor)", "0 8 linear {loop} 0", Device, listsBackAs: "0 8 linear {loopnum} 0"),

        // The same refusals when loading into a device that exists: ENXIO then says "a device the
        // table maps is missing", not "the device is missing"; the live table stays, no inactive one is left.
        LoadInto("device 0:0", "0 8 linear 0:0 0", typeof(DmInvalidArgumentException)),
        LoadInto("a path that does not exist", "0 8 linear /dev/does-not-exist 0", typeof(DmInvalidArgumentException)),
        LoadInto("a valid table, left inactive", "0 16 linear {loop} 0", Device, listsBackAs: "0 16 linear {loopnum} 0"),

        // Text the two backends would carry differently: dmsetup cuts a table line at '#' (a comment)
        // and at NUL (a C string); the ioctl passes both on. Refused before either sends it.
        RawLine(T, "a '#' in zero's arguments", 8, "zero", "#comment", typeof(DmValidationException)),
        RawLine(T, "a '#' after linear's offset", 8, "linear", "{loopnum} 0#x", typeof(DmValidationException)),
        RawLine(T, "a '#' glued to snapshot-origin's device", 8, "snapshot-origin", "{loop}#x", typeof(DmValidationException)),
        RawLine(T, "a NUL in zero's arguments", 8, "zero", "\0junk", typeof(DmValidationException)),
        RawLine(T, "a lone surrogate in linear's arguments", 8, "linear", "{loop}\ud800 0", typeof(DmValidationException)),
    ];
}
