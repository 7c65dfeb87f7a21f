using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>
/// dm-multipath's status (Documentation/admin-guide/device-mapper, multipath_status in
/// dm-mpath.c): "#features features… #handler-args args… #groups next-group" then per group
/// "state #group-args args… #paths #selector-args" and per path "device A|F fail-count selector-args…".
/// </summary>
/// <param name="Features">The feature words (6.1: queued I/O count and pg_init count).</param>
/// <param name="HandlerArgs">The hardware handler's status words.</param>
/// <param name="NextGroup">The 1-based number of the group the next I/O goes to.</param>
/// <param name="Groups">The path groups, in table order.</param>
public sealed record MultipathStatus(ValueList<string> Features, ValueList<string> HandlerArgs, uint NextGroup, ValueList<MultipathGroupStatus> Groups)
    : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "multipath";

    /// <summary>Every path, group by group.</summary>
    public IEnumerable<MultipathPathStatus> Paths => Groups.SelectMany(g => g.Paths);

    /// <summary>How many paths are active.</summary>
    public int ActivePaths => Paths.Count(p => p.Active);

    /// <summary>The status as dm-mpath writes it, with its trailing space.</summary>
    public override string Format()
    {
        var words = new List<object>();
        words.Add(Features.Count);
        words.AddRange(Features);
        words.Add(HandlerArgs.Count);
        words.AddRange(HandlerArgs);
        words.Add(Groups.Count);
        words.Add(NextGroup);
        foreach (var group in Groups)
        {
            words.Add(Letter(group.State));
            words.Add(group.GroupArgs.Count);
            words.AddRange(group.GroupArgs);
            words.Add(group.Paths.Count);
            words.Add(group.Paths.Count == 0 ? 0 : group.Paths[0].SelectorArgs.Count);
            foreach (var path in group.Paths)
            {
                words.Add(path.Device);
                words.Add(path.Active ? "A" : "F");
                words.Add(path.FailCount);
                words.AddRange(path.SelectorArgs);
            }
        }

        return Words.Join([.. words]) + " ";
    }

    internal static MultipathStatus Read(ArgumentReader r)
    {
        var features = r.NextCounted("feature count");
        var handler = r.NextCounted("hardware handler argument count");
        var groupCount = r.NextCount("number of path groups");
        var next = r.NextUInt32("next path group");
        var groups = new List<MultipathGroupStatus>();
        for (var g = 0; g < groupCount; g++)
        {
            var state = r.Next("path group state") switch
            {
                "A" => MultipathGroupState.Active,
                "E" => MultipathGroupState.Enabled,
                "D" => MultipathGroupState.Disabled,
                var other => throw r.Error($"path group state '{other}' is not A, E or D"),
            };
            var groupArgs = r.NextCounted("path group argument count");
            var pathCount = r.NextCount("number of paths");
            var selectorCount = r.NextCount("number of path selector arguments");
            var paths = new List<MultipathPathStatus>();
            for (var p = 0; p < pathCount; p++)
            {
                var device = r.NextDevice("path device");
                var active = r.Next("path state") switch
                {
                    "A" => true,
                    "F" => false,
                    var other => throw r.Error($"path state '{other}' is not A or F"),
                };
                paths.Add(new MultipathPathStatus(device, active, r.NextUInt32("fail count"), r.Take(selectorCount)));
            }

            groups.Add(new MultipathGroupStatus(state, groupArgs, new ValueList<MultipathPathStatus>(paths)));
        }

        r.End();
        return new MultipathStatus(features, handler, next, new ValueList<MultipathGroupStatus>(groups));
    }

    private static string Letter(MultipathGroupState state) => state switch
    {
        MultipathGroupState.Active => "A",
        MultipathGroupState.Enabled => "E",
        _ => "D",
    };
}
