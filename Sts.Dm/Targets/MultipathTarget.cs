using System.Globalization;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// multipath: "#features features #hw_handler_args args #groups initial_group group..."
/// (Documentation/admin-guide/device-mapper/dm-multipath? see dm-mpath.c). Features and the
/// hardware handler are kept as words; groups and paths are typed.
/// </summary>
public sealed record MultipathTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="features">Feature words (queue_if_no_path, queue_mode bio, ...).</param>
    /// <param name="hardwareHandler">Hardware handler words (name and arguments), empty for none.</param>
    /// <param name="initialPathGroup">The group used first, counting from 1 (0: the kernel chooses).</param>
    /// <param name="pathGroups">The priority groups.</param>
    /// <exception cref="DmValidationException">The initial group is beyond the groups, or a word is empty.</exception>
    public MultipathTarget(ValueList<string> features, ValueList<string> hardwareHandler, uint initialPathGroup, ValueList<MultipathPathGroup> pathGroups)
    {
        Features = Require.Words(features, "features");
        HardwareHandler = Require.Words(hardwareHandler, "hardware handler");
        PathGroups = Require.NotNull(pathGroups, "path groups");
        Require.That(initialPathGroup <= pathGroups.Count, "initial path group", $"Initial path group {initialPathGroup} is beyond the {pathGroups.Count} groups.");
        InitialPathGroup = initialPathGroup;
    }

    /// <summary>Feature words.</summary>
    public ValueList<string> Features { get; }

    /// <summary>Hardware handler words.</summary>
    public ValueList<string> HardwareHandler { get; }

    /// <summary>The group used first.</summary>
    public uint InitialPathGroup { get; }

    /// <summary>The priority groups.</summary>
    public ValueList<MultipathPathGroup> PathGroups { get; }

    /// <inheritdoc />
    public override string TargetType => "multipath";

    /// <summary>The multipath arguments as dm-mpath prints them, every word followed by a space.</summary>
    public override string FormatArguments()
    {
        var words = new List<string> { Words.Counted(Features), Words.Counted(HardwareHandler), Words.Text(PathGroups.Count), Words.Text(InitialPathGroup) };
        foreach (var group in PathGroups)
        {
            words.Add(group.Selector);
            words.Add(Words.Counted(group.SelectorArguments));
            words.Add(Words.Text(group.Paths.Count));
            words.Add(group.PathArgumentCount.ToString(CultureInfo.InvariantCulture));
            words.AddRange(group.Paths.Select(p => Words.Join(p.Device, string.Join(' ', p.Arguments)).TrimEnd()));
        }

        return string.Join(' ', words) + " ";
    }

    /// <summary>Parses the multipath arguments.</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static MultipathTarget Parse(string arguments) =>
        ArgumentReader.Run("multipath", arguments, r =>
        {
            var features = r.NextCounted("features");
            var handler = r.NextCounted("hardware handler arguments");
            var groupCount = r.NextUInt32("number of path groups");
            var initial = r.NextUInt32("initial path group");
            var groups = new List<MultipathPathGroup>();
            for (var g = 0; g < groupCount; g++)
            {
                var selector = r.Next("path selector");
                var selectorArguments = r.NextCounted("selector arguments");
                var pathCount = r.NextUInt32("number of paths");
                var pathArguments = r.NextCount("number of path arguments");
                var paths = new List<MultipathPath>();
                for (var p = 0; p < pathCount; p++)
                {
                    paths.Add(new MultipathPath(r.NextDevice("path device"), r.Take(Math.Min(pathArguments, r.Remaining))));
                }

                groups.Add(new MultipathPathGroup(selector, selectorArguments, pathArguments, new ValueList<MultipathPath>(paths)));
            }

            return new MultipathTarget(features, handler, initial, new ValueList<MultipathPathGroup>(groups));
        });
}
