using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// mirror: "log_type #log_args log_args #mirrors device offset ... [#features features]" (dm-raid1).
/// The log arguments (region size, sync/nosync, the log device) and features are kept as words.
/// </summary>
public sealed record MirrorTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="logType">The dirty log type: core, disk, userspace.</param>
    /// <param name="logArguments">The log's arguments as words.</param>
    /// <param name="mirrors">The legs, at least one.</param>
    /// <param name="features">Feature words (handle_errors, keep_log).</param>
    /// <exception cref="DmValidationException">No legs, or a word is empty.</exception>
    public MirrorTarget(string logType, ValueList<string> logArguments, ValueList<DeviceLocation> mirrors, ValueList<string> features)
    {
        LogType = Require.Word(logType, "log type");
        LogArguments = Require.Words(logArguments, "log arguments");
        Mirrors = Require.NotNull(mirrors, "mirrors");
        Require.That(mirrors.Count > 0, "mirrors", "A mirror needs at least one leg.");
        Features = Require.Words(features, "features");
    }

    /// <summary>The dirty log type.</summary>
    public string LogType { get; }

    /// <summary>The log's arguments.</summary>
    public ValueList<string> LogArguments { get; }

    /// <summary>The legs.</summary>
    public ValueList<DeviceLocation> Mirrors { get; }

    /// <summary>Feature words.</summary>
    public ValueList<string> Features { get; }

    /// <inheritdoc />
    public override string TargetType => "mirror";

    /// <summary>The mirror arguments as the kernel prints them.</summary>
    public override string FormatArguments() =>
        Words.Join(LogType, Words.Counted(LogArguments), Mirrors.Count, string.Join(' ', Mirrors), Features.Count == 0 ? null : Words.Counted(Features));

    /// <summary>Parses the mirror arguments.</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static MirrorTarget Parse(string arguments) =>
        ArgumentReader.Run("mirror", arguments, r =>
        {
            var logType = r.Next("log type");
            var logArguments = r.NextCounted("log arguments");
            var count = r.NextUInt32("number of mirrors");
            var legs = new List<DeviceLocation>();
            for (var i = 0; i < count; i++)
            {
                legs.Add(DeviceLocation.Read(r));
            }

            return new MirrorTarget(logType, logArguments, new ValueList<DeviceLocation>(legs), r.AtEnd ? [] : r.NextCounted("features"));
        });
}
