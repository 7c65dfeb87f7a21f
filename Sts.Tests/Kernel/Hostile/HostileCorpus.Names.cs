using Sts.Core;
using Sts.Dm.Errors;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>Device names: refused before the kernel (<see cref="DmNameException"/>, or <see cref="UnsafeOperationException"/> outside the run's prefix) or a device that lists back with the same name.</summary>
internal static partial class HostileCorpus
{
    private static IEnumerable<HostileCase> Names() =>
    [
        // Reserved and impossible names.
        CreateNamed("empty", "", typeof(DmNameException)),
        CreateNamed("dot", ".", typeof(DmNameException)),
        CreateNamed("dot-dot", "..", typeof(DmNameException)),
        CreateNamed("the control node's name", "control", typeof(DmNameException)),
        CreateNamed("a slash alone", "/", typeof(DmNameException)),
        CreateNamed("a slash inside", "{p}a/b", typeof(DmNameException)),
        CreateNamed("a path climbing out of /dev/mapper", "{p}/../../etc", typeof(DmNameException)),
        CreateNamed("a NUL inside", "{p}a\0b", typeof(DmNameException)),
        CreateNamed("dots after the prefix", "{p}..", Device),

        // Lengths before and after mangling (the kernel keeps 127 bytes; udev-unsafe bytes become \xNN, 4 bytes each).
        CreateNamed("127 bytes", "{p}{fill:127:x}", Device),
        CreateNamed("128 bytes", "{p}{fill:128:x}", typeof(DmNameException)),
        CreateNamed("1000 bytes", "{p}{fill:1000:x}", typeof(DmNameException)),
        CreateNamed("127 bytes raw, 469 once mangled", "{p}{fill:127: }", typeof(DmNameException)),
        CreateNamed("41 bytes raw, 125 once mangled", "{p}{fill:41: }", Device),
        CreateNamed("42 bytes raw, 129 once mangled", "{p}{fill:42: }", typeof(DmNameException)),
        CreateNamed("124 bytes raw, exactly 127 once mangled", "{p} {fill:124:x}", Device),
        CreateNamed("124 bytes raw, 130 once mangled", "{p}  {fill:124:x}", typeof(DmNameException)),
        CreateNamed("2-byte characters, 125 once mangled", "{p}{fill:41:é}", Device),
        CreateNamed("2-byte characters, 133 once mangled", "{p}{fill:43:é}", typeof(DmNameException)),
        CreateNamed("1000 bytes of 2-byte characters", "{p}{fill:1000:é}", typeof(DmNameException)),

        // Control characters (C0, DEL, C1, an escape sequence).
        CreateNamed("C0 controls: newline, tab, carriage return, \\x01", "{p}a\nb\tc\rd\u0001", Device),
        CreateNamed("DEL, C1 controls (NEL, CSI) and a terminal escape sequence", "{p}a\u007fb\u0085c\u009b\u001b[31mred", Device),

        // Shell metacharacters: data end to end, no shell ever runs.
        CreateNamed("command separators", "{p}a;touch {marker}|touch {marker}&touch {marker}", Device),
        CreateNamed("command substitution", "{p}$(touch {marker})", Device),
        CreateNamed("backticks", "{p}`touch {marker}`", Device),
        CreateNamed("globs and quotes", "{p}*?[x] it's \"q\"", Device),
        CreateNamed("blanks, redirections, expansions and escapes", "{p}a b<i >o 2>&1 $H${IFS}%n!!{a,b}~\\", Device),
        CreateNamed("a '#', a table comment", "{p}#not-a-comment", Device),

        // Non-ASCII.
        CreateNamed("CJK and accented Latin", "{p}日本語 soufflé", Device),
        CreateNamed("an emoji (a surrogate pair) and invisibles: zero-width space, byte order mark, right-to-left override", "{p}😀a\u200bb\ufeffc\u202ed", Device),
        CreateNamed("a lone high surrogate", "{p}a\ud800b", typeof(DmNameException)),
        CreateNamed("a lone low surrogate", "{p}\udc00", typeof(DmNameException)),

        // Already-mangled forms: they would list back as another name.
        CreateNamed("\\x2f, a mangled slash", "{p}a\\x2fb", typeof(DmNameException)),
        CreateNamed("\\x79, a mangled 'y'", "{p}\\x79", typeof(DmNameException)),
        CreateNamed("\\x5c, a mangled backslash", "{p}\\x5c", typeof(DmNameException)),
        CreateNamed("an incomplete escape", "{p}end\\x", typeof(DmNameException)),
        CreateNamed("\\X2F in capitals, not an escape", "{p}\\X2F", Device),

        // Outside the run's prefix: refused before anything reaches a backend.
        CreateNamed("no prefix", "hostile", typeof(UnsafeOperationException)),
        CreateNamed("another run's prefix", "sts-00000000-x", typeof(UnsafeOperationException)),
        CreateNamed("the bare framework prefix", "sts-", typeof(UnsafeOperationException)),
        CreateNamed("the prefix in capitals", "{P}x", typeof(UnsafeOperationException)),
        CreateNamed("a space before the prefix", " {p}x", typeof(UnsafeOperationException)),
        CreateNamed("a dash before the prefix (an option)", "-{p}x", typeof(UnsafeOperationException)),
        CreateNamed("an LVM-style name", "vg0-root", typeof(UnsafeOperationException)),
        CreateNamed("the run's prefix alone", "{p}", Device),
        CreateNamed("the name of a device that exists", "{zero}", typeof(DmDeviceExistsException)),

        // Renames to the same families.
        RenameTo("blanks, metacharacters and controls", "{p}a b;$(touch {marker})\n\u0085", Device),
        RenameTo("127 bytes", "{p}{fill:127:x}", Device),
        RenameTo("128 bytes", "{p}{fill:128:x}", typeof(DmNameException)),
        RenameTo("fits raw, not mangled", "{p}{fill:127: }", typeof(DmNameException)),
        RenameTo("empty", "", typeof(DmNameException)),
        RenameTo("dot", ".", typeof(DmNameException)),
        RenameTo("dot-dot", "..", typeof(DmNameException)),
        RenameTo("control", "control", typeof(DmNameException)),
        RenameTo("a slash", "{p}a/b", typeof(DmNameException)),
        RenameTo("non-ASCII", "{p}日本", Device),
        RenameTo("a lone surrogate", "{p}\ud800", typeof(DmNameException)),
        RenameTo("already mangled", "{p}\\x2f", typeof(DmNameException)),
        RenameTo("no prefix", "hostile", typeof(UnsafeOperationException)),
        RenameTo("a taken name", "{zero}", typeof(DmDeviceExistsException)),

        // Look-ups: refused names are refused, valid ones are simply absent.
        LookUp("empty", "", typeof(DmNameException)),
        LookUp("dot", ".", typeof(DmNameException)),
        LookUp("dot-dot", "..", typeof(DmNameException)),
        LookUp("control", "control", typeof(DmNameException)),
        LookUp("a slash", "a/b", typeof(DmNameException)),
        LookUp("128 bytes", "{p}{fill:128:x}", typeof(DmNameException)),
        LookUp("already mangled", "{p}\\x2f", typeof(DmNameException)),
        LookUp("a lone surrogate", "{p}\ud800", typeof(DmNameException)),
        LookUp("a NUL", "{p}\0", typeof(DmNameException)),
        LookUp("metacharacters, absent", "{p}$(touch {marker}) missing", Device),
        LookUp("the zero device, present", "{zero}", Device),
    ];
}
