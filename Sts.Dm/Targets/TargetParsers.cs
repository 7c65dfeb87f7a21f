namespace Sts.Dm.Targets;

/// <summary>The kernel's target type names mapped to the parsers of their table arguments.</summary>
internal static class TargetParsers
{
    private static readonly Dictionary<string, Func<string, DmTarget>> Parsers = new(StringComparer.Ordinal)
    {
        ["linear"] = LinearTarget.Parse,
        ["striped"] = StripedTarget.Parse,
        ["zero"] = ZeroTarget.Parse,
        ["error"] = ErrorTarget.Parse,
        ["delay"] = DelayTarget.Parse,
        ["flakey"] = FlakeyTarget.Parse,
        ["dust"] = DustTarget.Parse,
        ["snapshot"] = SnapshotTarget.Parse,
        ["snapshot-origin"] = SnapshotOriginTarget.Parse,
        ["snapshot-merge"] = SnapshotMergeTarget.Parse,
        ["thin-pool"] = ThinPoolTarget.Parse,
        ["thin"] = ThinTarget.Parse,
        ["cache"] = CacheTarget.Parse,
        ["era"] = EraTarget.Parse,
        ["writecache"] = WritecacheTarget.Parse,
        ["integrity"] = IntegrityTarget.Parse,
        ["crypt"] = CryptTarget.Parse,
        ["verity"] = VerityTarget.Parse,
        ["raid"] = RaidTarget.Parse,
        ["mirror"] = MirrorTarget.Parse,
        ["multipath"] = MultipathTarget.Parse,
        ["log-writes"] = LogWritesTarget.Parse,
        ["vdo"] = VdoTarget.Parse,
    };

    public static DmTarget Parse(string targetType, string arguments)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        ArgumentNullException.ThrowIfNull(arguments);
        return Parsers.TryGetValue(targetType, out var parse) ? parse(arguments) : GenericTarget.Parse(targetType, arguments);
    }
}
