using Sts.Core;
using Sts.Dm.Errors;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>Uuids: the name families, plus empty, 128/129 bytes and a uuid another device has.</summary>
internal static partial class HostileCorpus
{
    private static IEnumerable<HostileCase> Uuids() =>
    [
        CreateWithUuid("empty", "", typeof(DmNameException)),
        CreateWithUuid("a NUL inside", "{p}a\0b", typeof(DmNameException)),
        CreateWithUuid("dots, a slash and the word control after the prefix", "{p}../control", Device),

        CreateWithUuid("128 bytes", "{p}{fill:128:x}", Device),
        CreateWithUuid("129 bytes", "{p}{fill:129:x}", typeof(DmNameException)),
        CreateWithUuid("1000 bytes", "{p}{fill:1000:x}", typeof(DmNameException)),
        CreateWithUuid("128 bytes raw, 473 once mangled", "{p}{fill:128: }", typeof(DmNameException)),
        CreateWithUuid("41 bytes raw, 125 once mangled", "{p}{fill:41: }", Device),
        CreateWithUuid("42 bytes raw, 129 once mangled", "{p}{fill:42: }", typeof(DmNameException)),
        CreateWithUuid("125 bytes raw, exactly 128 once mangled", "{p} {fill:125:x}", Device),

        CreateWithUuid("controls: newline, tab, \\x01, DEL, C1 NEL", "{p}\n\t\u0001\u007f\u0085", Device),
        CreateWithUuid("every shell metacharacter", "{p}$(touch {marker});|&*?'\" <>`x`", Device),
        CreateWithUuid("CJK and an emoji", "{p}日本😀", Device),
        CreateWithUuid("a NUL at the end", "{p}\0", typeof(DmNameException)),
        CreateWithUuid("a lone surrogate", "{p}\ud800", typeof(DmNameException)),

        CreateWithUuid("\\x2f, already mangled", "{p}\\x2f", typeof(DmNameException)),
        CreateWithUuid("\\x79, already mangled", "{p}\\x79", typeof(DmNameException)),

        // A uuid's prefix is how host tools claim a device (LVM-, CRYPT-, mpath-): a test device never looks like theirs.
        CreateWithUuid("no prefix", "hostile", typeof(UnsafeOperationException)),
        CreateWithUuid("an LVM uuid", "LVM-0123456789abcdef0123456789abcdef", typeof(UnsafeOperationException)),
        CreateWithUuid("a dm-crypt uuid", "CRYPT-LUKS2-0123-x", typeof(UnsafeOperationException)),
        CreateWithUuid("dot", ".", typeof(UnsafeOperationException)),
        CreateWithUuid("dot-dot", "..", typeof(UnsafeOperationException)),
        CreateWithUuid("control", "control", typeof(UnsafeOperationException)),

        CreateWithUuid("the uuid of a device that exists", "{zerouuid}", typeof(DmDeviceExistsException)),

        SetUuid("empty", "", typeof(DmNameException)),
        SetUuid("129 bytes", "{p}{fill:129:x}", typeof(DmNameException)),
        SetUuid("metacharacters", "{p}$(touch {marker}) `x`", Device),
        SetUuid("a lone surrogate", "{p}\udfff", typeof(DmNameException)),
        SetUuid("already mangled", "{p}\\x2f", typeof(DmNameException)),
        SetUuid("an LVM uuid", "LVM-x", typeof(UnsafeOperationException)),
        SetUuid("the uuid of a device that exists", "{zerouuid}", typeof(DmDeviceExistsException)),
    ];
}
