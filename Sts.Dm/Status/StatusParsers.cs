using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>Target type names mapped to their status parsers.</summary>
internal static class StatusParsers
{
    private static readonly HashSet<string> CanFail = new(StringComparer.Ordinal) { "thin-pool", "thin", "cache", "era" };

    private static readonly HashSet<string> Silent = new(StringComparer.Ordinal)
        { "linear", "zero", "error", "flakey", "crypt", "snapshot-origin" };

    private static readonly Dictionary<string, Func<ArgumentReader, DmStatus>> Parsers = new(StringComparer.Ordinal)
    {
        ["thin-pool"] = ThinPoolStatus.Read,
        ["thin"] = ThinStatus.Read,
        ["cache"] = CacheStatus.Read,
        ["era"] = EraStatus.Read,
        ["snapshot"] = SnapshotStatus.Read,
        ["snapshot-merge"] = SnapshotStatus.Read,
        ["striped"] = StripedStatus.Read,
        ["delay"] = DelayStatus.Read,
        ["writecache"] = WritecacheStatus.Read,
        ["integrity"] = IntegrityStatus.Read,
        ["raid"] = RaidStatus.Read,
        ["log-writes"] = LogWritesStatus.Read,
        ["verity"] = VerityStatus.Read,
        ["dust"] = DustStatus.Read,
        ["multipath"] = MultipathStatus.Read,
        ["mirror"] = MirrorStatus.Read,
    };

    public static DmStatus Parse(string targetType, string text)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (CanFail.Contains(targetType) && trimmed is "Fail" or "Error")
        {
            // A failed pool is still a pool: typed access to its status must not break on it.
            if (targetType == "thin-pool")
            {
                return trimmed == "Fail" ? ThinPoolStatus.Failed : ThinPoolStatus.Unreadable;
            }

            return new FailedStatus(targetType, trimmed == "Fail" ? DmFailure.Fail : DmFailure.Error);
        }

        if (Silent.Contains(targetType))
        {
            return trimmed.Length == 0
                ? new EmptyStatus(targetType)
                : throw new DmParseException(targetType, text, "this target reports no status, yet there is text");
        }

        return Parsers.TryGetValue(targetType, out var read)
            ? ArgumentReader.Run(targetType, text, read)
            : new GenericStatus(targetType, text);
    }
}
