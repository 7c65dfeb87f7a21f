using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>log-writes' status: "logged_entries highest_allocated_sector" (Documentation/admin-guide/device-mapper/log-writes.rst).</summary>
/// <param name="LoggedEntries">Entries written to the log.</param>
/// <param name="HighestAllocatedSector">The highest sector allocated on the log device.</param>
public sealed record LogWritesStatus(ulong LoggedEntries, ulong HighestAllocatedSector) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "log-writes";

    /// <summary>"entries sector".</summary>
    public override string Format() => Words.Join(LoggedEntries, HighestAllocatedSector);

    internal static LogWritesStatus Read(ArgumentReader r) => new(r.NextUInt64("logged entries"), r.NextUInt64("highest allocated sector"));
}
