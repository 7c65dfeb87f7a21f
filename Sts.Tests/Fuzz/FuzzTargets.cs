using System.Text;
using Sts.Core;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Host;
using Sts.Core.Safety;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Errors;
using Sts.Dm.Naming;
using Sts.Dm.Stats;
using Sts.Dm.Status;
using Sts.Dm.Tables;
using Sts.Dm.Targets;
using Sts.Dmpd;
using Sts.Dmpd.Formats.Cache;
using Sts.Dmpd.Formats.Era;
using Sts.Dmpd.Formats.Reports;
using Sts.Dmpd.Formats.Thin;

namespace Sts.Tests.Fuzz;

/// <summary>
/// Every parser and validator that reads text Sts does not control, with its documented
/// exceptions and its seeds from Sts.Tests/TestData. <see cref="FuzzCoverageTests"/> checks by
/// reflection that no public Parse/TryParse method is missing.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>Target types with a typed parser (TargetParsers), plus one the library does not know.</summary>
    public static readonly string[] TargetTypes =
    [
        "linear", "striped", "zero", "error", "delay", "flakey", "dust", "snapshot", "snapshot-origin", "snapshot-merge", "thin-pool", "thin",
        "cache", "era", "writecache", "integrity", "crypt", "verity", "raid", "mirror", "multipath", "log-writes", "vdo", "unknown-target",
    ];

    /// <summary>Status types with a parser (StatusParsers), those that report nothing, and one unknown.</summary>
    public static readonly string[] StatusTypes =
    [
        "thin-pool", "thin", "cache", "era", "snapshot", "snapshot-merge", "striped", "delay", "writecache", "integrity", "raid", "log-writes",
        "verity", "dust", "multipath", "mirror", "linear", "zero", "error", "flakey", "crypt", "snapshot-origin", "unknown-target",
    ];

    private static readonly Lazy<IReadOnlyList<FuzzTarget>> AllTargets = new(Build);

    public static IReadOnlyList<FuzzTarget> All => AllTargets.Value;

    public static FuzzTarget Named(string name) => All.Single(t => t.Name == name);

    private static List<FuzzTarget> Build()
    {
        var tables = Files("dm", "*.table").Concat(Files("dm", "*.table-showkeys")).ToList();
        var statuses = Files("dm", "*.status").Concat(Files("dm", "*.status-io")).ToList();
        var tableLines = tables.SelectMany(Lines).ToList();
        var statusLines = statuses.SelectMany(Lines).ToList();
        var sizes = new[] { "512", "4k", "512M", "1GiB", "1.5G", "2048s", " + 1 MiB ", "0.5KiB", "100B", "3EiB", "7 kB" };
        var names = new[] { "sts-1234-lin", "a b", "soufflé 1", "back\\slash", "it's;x", "😀", "LVM-abcdefgh" };
        var targets = new List<FuzzTarget>
        {
            new("Size.Parse", s => Size.Parse(s), [typeof(InvalidSizeException)], sizes, v => v.ToString()!, Covers: "Size.Parse"),
            new("Size.TryParse", s => Size.TryParse(s, null, out var v) ? v : null, [], sizes, v => v.ToString()!, Covers: "Size.TryParse"),
            new("Sectors.Parse", s => Sectors.Parse(s), [typeof(InvalidSizeException)], ["0", "2048", "131072"], v => v.ToString()!, Covers: "Sectors.Parse"),
            new("DeviceNumber.Parse", s => DeviceNumber.Parse(s), [typeof(FormatException)], [.. Lines(Read("dm", "devices.txt")).Select(l => l.Split(' ')[^1])],
                v => v.ToString()!, Covers: "DeviceNumber.Parse"),
            new("ThinDeviceId.Parse", s => ThinDeviceId.Parse(s), [typeof(DmValidationException)], ["0", "1", "16777215"], v => v.ToString()!, Covers: "ThinDeviceId.Parse"),
            new("DeviceReference.Parse", DeviceReference.Parse, [typeof(DmValidationException)], ["7:0", "254:3", "/dev/loop0"], v => v.ToString()!,
                Covers: "DeviceReference.Parse"),
            new("CryptKey.Parse", CryptKey.Parse, [typeof(DmValidationException)],
                ["-", ":32:logon:sts:key", "0123456789abcdef0123456789abcdef"], v => ((CryptKey)v).Text, Covers: "CryptKey.Parse"),
            new("DmStatsRegionId.Parse", s => DmStatsRegionId.Parse(s), [typeof(DmParseException)], ["0", "3", "12"], v => v.ToString()!, Covers: "DmStatsRegionId.Parse"),
            new("DmTable.Parse", DmTable.Parse, [typeof(DmParseException)], [.. tables.Select(f => f)], v => ((DmTable)v).Format(), Covers: "DmTable.Parse"),
            new("DmTableLine.Parse", DmTableLine.Parse, [typeof(DmParseException)], tableLines, v => ((DmTableLine)v).Format(), Covers: "DmTableLine.Parse"),
            new("DmStatusLine.ParseAll", s => DmStatusLine.ParseAll(s), [typeof(DmParseException)], statuses, Covers: ["DmStatusLine.ParseAll", "DmStatusLine.Parse"]),
            new("DmStatsRegion.ParseList", DmStatsRegion.ParseList, [typeof(DmParseException)], Files("dm-stats", "list-*.txt"),
                v => string.Concat(((IReadOnlyList<DmStatsRegion>)v).Select(r => r.Format() + "\n")), Covers: ["DmStatsRegion.ParseList", "DmStatsRegion.Parse"]),
            new("DmStatsArea.ParseAll", DmStatsArea.ParseAll, [typeof(DmParseException)], Files("dm-stats", "print-*.txt"),
                v => string.Concat(((IReadOnlyList<DmStatsArea>)v).Select(r => r.Format() + "\n")), Covers: ["DmStatsArea.ParseAll", "DmStatsArea.Parse"]),
            new("DmsetupOutput.ParseInfo", DmsetupOutput.ParseInfo, [typeof(DmParseException)], [DmsetupInfo], Covers: "DmsetupOutput.ParseInfo"),
            new("DmsetupOutput.ParseList", DmsetupOutput.ParseList, [typeof(DmParseException)],
                ["sts-1-a||254|0|0\nsts\\x201|LVM-x|254|1|7\n", "No devices found\n"], Covers: "DmsetupOutput.ParseList"),
            new("DmsetupOutput.ParseDependencies", DmsetupOutput.ParseDependencies, [typeof(DmParseException)],
                [" 2 dependencies\t: (7, 1) (7, 0)\n"], Covers: "DmsetupOutput.ParseDependencies"),
            new("DmsetupOutput.ParseTargets", DmsetupOutput.ParseTargets, [typeof(DmParseException)],
                ["thin-pool        v1.23.0\nlinear           v1.4.0\n"], Covers: "DmsetupOutput.ParseTargets"),
            new("DmsetupOutput.ParseDriverVersion", DmsetupOutput.ParseDriverVersion, [typeof(DmParseException)], [Read("dm", "dmsetup-version")],
                Covers: "DmsetupOutput.ParseDriverVersion"),
            new("HostInfo.ParseKernelVersion", HostInfo.ParseKernelVersion, [typeof(StsException)],
                [Read("dm", "kernel-release"), "6.18.44-fc", "6.1"], Covers: "HostInfo.ParseKernelVersion"),
            new("Tools.ParseVersion", Tools.ParseVersion, [], [Read("dm", "dmsetup-version"), Read("dmpd", "tools-version"), "losetup from util-linux 2.38.1"],
                Covers: "Tools.ParseVersion"),
            new("KernelLogRecord.Parse", KernelLogRecord.Parse, [typeof(FormatException)],
                ["6,1234,5678901,-;device-mapper: thin: Data device (dm-1) discard unsupported\n SUBSYSTEM=block", "13,9,1,c;sts: hello"],
                Covers: "KernelLogRecord.Parse"),
            new("LoopDevice.ParseList", LoopDevice.ParseList, [typeof(StsException)], [Read("losetup", "list-2.38.1.json")], Covers: "LoopDevice.ParseList"),
            new("ThinLsReport.Parse", ThinLsReport.Parse, [typeof(DmpdParseException)],
                [Read("dmpd", "thin_ls.default"), Read("dmpd", "thin_ls.all-fields"), Read("dmpd", "thin_ls.100g")], Covers: "ThinLsReport.Parse"),
            new("ThinLsReport.ParseWithoutHeaders", s => ThinLsReport.ParseWithoutHeaders(s, ThinLsReport.DefaultFields), [typeof(DmpdParseException)],
                [Read("dmpd", "thin_ls.no-headers")], Covers: "ThinLsReport.ParseWithoutHeaders"),
            new("EraInvalidateReport.Parse", EraInvalidateReport.Parse, [typeof(DmpdParseException)], Files("dmpd", "era_invalidate.*.xml"),
                Covers: "EraInvalidateReport.Parse"),
            new("ThinDeltaReport.Parse", ThinDeltaReport.Parse, [typeof(DmpdParseException)], Files("dmpd", "thin_delta.*.xml"), Covers: "ThinDeltaReport.Parse"),
            new("ThinRmapReport.Parse", ThinRmapReport.Parse, [typeof(DmpdParseException)], Files("dmpd", "thin_rmap.*"), Covers: "ThinRmapReport.Parse"),
            new("MetadataSizeReport.Parse", s => MetadataSizeReport.Parse(s), [typeof(DmpdParseException)],
                [.. Files("dmpd", "thin_metadata_size.*"), .. Files("dmpd", "cache_metadata_size.*")], Covers: "MetadataSizeReport.Parse"),
            new("ThinMetadata.Parse", ThinMetadata.Parse, [typeof(DmpdParseException)], [.. Files("dmpd", "thin.*.xml"), Read("dmpd-tools", "thin.xml")],
                v => ((ThinMetadata)v).ToXml(), Covers: ["ThinMetadata.Parse", "ThinMetadata.Read"]),
            new("CacheMetadata.Parse", CacheMetadata.Parse, [typeof(DmpdParseException)], [.. Files("dmpd", "cache.*.xml"), Read("dmpd-tools", "cache.xml")],
                v => ((CacheMetadata)v).ToXml(), Covers: ["CacheMetadata.Parse", "CacheMetadata.Read"]),
            new("EraMetadata.Parse", EraMetadata.Parse, [typeof(DmpdParseException)], [.. Files("dmpd", "era.*.xml"), Read("dmpd-tools", "era.xml")],
                v => ((EraMetadata)v).ToXml(), Covers: ["EraMetadata.Parse", "EraMetadata.Read"]),
            new("DmNames.ToKernelName", DmNames.ToKernelName, [typeof(DmNameException)], names,
                Check: (input, v) => DmNames.FromKernelName((string)v) == input ? null : $"lists back as {Mutator.Literal(DmNames.FromKernelName((string)v))}",
                Covers: ["DmNames.ToKernelName", "DmNames.FromKernelName"]),
            new("DmNames.ToKernelUuid", DmNames.ToKernelUuid, [typeof(DmNameException)], names,
                Check: (input, v) => DmNames.FromKernelName((string)v) == input ? null : $"lists back as {Mutator.Literal(DmNames.FromKernelName((string)v))}",
                Covers: "DmNames.ToKernelUuid"),
            new("CommandLine.Quote", CommandLine.Quote, [], ["plain", "a b", "it's", "$(id)", "new\nline", "c1\u0085x", "é", ""],
                Check: QuotesBack, Covers: ["CommandLine.Quote", "CommandLine.Format"]),
            new("DeviceGuard.EnsureMayDestroy", s => { DeviceGuard.EnsureMayDestroy(s); return null; }, [typeof(UnsafeOperationException)],
                ["/dev/null", "/etc/passwd", "/dev/loop0", "relative/file", "/proc/self/root/etc"], Covers: ["DeviceGuard.EnsureMayDestroy", "DeviceGuard.WhyNot"]),
        };

        foreach (var type in TargetTypes)
        {
            var seeds = SplitLines(tableLines, type);
            targets.Add(new FuzzTarget($"target.{type}", s => DmTarget.Parse(type, s), [typeof(DmParseException)], seeds.Count > 0 ? seeds : ["a b c"],
                v => ((DmTarget)v).FormatArguments(), Covers: ["DmTarget.Parse", $"{TargetClass(type)}.Parse"]));
        }

        foreach (var type in StatusTypes)
        {
            var seeds = SplitLines(statusLines, type);
            targets.Add(new FuzzTarget($"status.{type}", s => DmStatus.Parse(type, s), [typeof(DmParseException)], seeds.Count > 0 ? seeds : ["", "a b c"],
                v => ((DmStatus)v).Format(), Covers: "DmStatus.Parse"));
        }

        return targets;
    }

    // What `dmsetup info <name>` prints (lvm2 tools/dmsetup.c _display_info_long), as captured in the lab VM.
    private const string DmsetupInfo =
        "Name:              sts-lin\nState:             ACTIVE\nRead Ahead:        256\nTables present:    LIVE\nOpen count:        0\n" +
        "Event number:      0\nMajor, minor:      254, 0\nNumber of targets: 1\nUUID: STS-x\n\n";

    private static string? QuotesBack(string argument, object quoted)
    {
        if (argument.Any(char.IsSurrogate) && !IsValidUtf16(argument))
        {
            return null; // argv is bytes: a lone surrogate cannot be passed at all, so there is nothing to paste back
        }

        try
        {
            var bytes = ShellWord.ToArgvBytes((string)quoted);
            return bytes.SequenceEqual(Encoding.UTF8.GetBytes(argument)) ? null : $"{Mutator.Literal((string)quoted)} pastes as different bytes";
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return $"{Mutator.Literal((string)quoted)} is not a word bash reads back: {e.Message}";
        }
    }

    private static bool IsValidUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string TargetClass(string type) => type switch
    {
        "unknown-target" => "GenericTarget",
        _ => string.Concat(type.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "Target",
    };

    // "start length type rest" lines of that type → the rest (table arguments or status text).
    private static List<string> SplitLines(IEnumerable<string> lines, string type) =>
        [.. lines.Select(l => l.Split(' ', 4)).Where(p => p.Length >= 3 && p[2] == type).Select(p => p.Length == 4 ? p[3] : "").Distinct()];

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Where(l => l.Length > 0);

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([AppContext.BaseDirectory, "TestData", .. path]));

    private static List<string> Files(string directory, string pattern) =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", directory), pattern).Order(StringComparer.Ordinal).Select(File.ReadAllText)];
}
