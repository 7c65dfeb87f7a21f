using System.Globalization;
using Sts.Core.Units;

namespace Sts.Dm.Stats;

/// <summary>
/// What <c>@stats_create</c> is asked for (Documentation/admin-guide/device-mapper/statistics.rst):
/// a range (the whole device, or start+length), a step, and optionally precise timestamps, a
/// latency histogram, a program id and aux data. Every value is checked when set, with the
/// kernel's own rules (drivers/md/dm-stats.c, message_stats_create), so a bad spec fails with
/// <see cref="DmValidationException"/> before any kernel sees it.
/// </summary>
public sealed record DmStatsRegionSpec
{
    private readonly DmStatsStep _step = DmStatsStep.OneArea;
    private readonly ValueList<ulong>? _histogram;
    private readonly string? _programId;
    private readonly string? _auxData;

    private DmStatsRegionSpec(Sectors? start, Sectors? length, DmStatsStep step)
    {
        Start = start;
        Length = length;
        Step = step;
    }

    /// <summary>The first sector, or null for the whole device ("-").</summary>
    public Sectors? Start { get; }

    /// <summary>The length, or null for the whole device ("-").</summary>
    public Sectors? Length { get; }

    /// <summary>How the range is divided into areas.</summary>
    /// <exception cref="DmValidationException">Set to null.</exception>
    public DmStatsStep Step
    {
        get => _step;
        init => _step = value ?? throw new DmValidationException("step", "A dm-stats region needs a step.");
    }

    /// <summary>Count times in nanoseconds instead of jiffies-based milliseconds.</summary>
    public bool PreciseTimestamps { get; init; }

    /// <summary>
    /// Latency histogram boundaries (milliseconds, or nanoseconds with <see cref="PreciseTimestamps"/>),
    /// or null for none. N boundaries give N+1 buckets: [0,b1), [b1,b2), …, [bN,∞).
    /// </summary>
    /// <exception cref="DmValidationException">Empty, a zero boundary, or not strictly increasing (the kernel's parse_histogram rule).</exception>
    public ValueList<ulong>? HistogramBoundaries
    {
        get => _histogram;
        init
        {
            if (value is not null)
            {
                if (value.Count == 0)
                {
                    throw new DmValidationException("histogram", "A dm-stats histogram needs at least one boundary (use null for none).");
                }

                ulong last = 0;
                foreach (var boundary in value)
                {
                    if (boundary <= last)
                    {
                        throw new DmValidationException("histogram",
                            $"dm-stats histogram boundaries must be more than 0 and strictly increasing: {string.Join(',', value)}.");
                    }

                    last = boundary;
                }
            }

            _histogram = value;
        }
    }

    /// <summary>The owner's program id, or null (the kernel stores "-"). One word; see <see cref="AuxData"/> for the rules.</summary>
    /// <exception cref="DmValidationException">Empty, "-", whitespace, a control character, '\' or a word that reads like a list flag.</exception>
    public string? ProgramId
    {
        get => _programId;
        init => _programId = value is null ? null : DmStatsWords.Check(value, "program id");
    }

    /// <summary>
    /// Auxiliary data, or null (the kernel stores "-"). One word without whitespace, control
    /// characters or '\': @stats_list prints it unescaped, and such words would not list back.
    /// </summary>
    /// <exception cref="DmValidationException">Empty, "-", whitespace, a control character, '\' or a word that reads like a list flag.</exception>
    public string? AuxData
    {
        get => _auxData;
        init => _auxData = value is null ? null : DmStatsWords.Check(value, "aux data");
    }

    /// <summary>The whole device ("-"), divided by <paramref name="step"/>.</summary>
    /// <param name="step">The step; <see cref="DmStatsStep.OneArea"/> for one area.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="DmValidationException">The step is null.</exception>
    public static DmStatsRegionSpec WholeDevice(DmStatsStep step) => new(null, null, Require(step));

    /// <summary>A range of the device, divided by <paramref name="step"/>.</summary>
    /// <param name="start">The first sector.</param>
    /// <param name="length">More than 0 sectors.</param>
    /// <param name="step">The step; <see cref="DmStatsStep.OneArea"/> for one area.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="DmValidationException">The length is 0, the end overflows, or the step is null.</exception>
    /// <remarks>The kernel does not check the range against the device's size; neither does this.</remarks>
    public static DmStatsRegionSpec Range(Sectors start, Sectors length, DmStatsStep step)
    {
        if (length.Count == 0)
        {
            throw new DmValidationException("length", "A dm-stats region must be more than 0 sectors long.");
        }

        if (start.Count > long.MaxValue - length.Count)
        {
            throw new DmValidationException("length", $"A dm-stats region {start}+{length} ends beyond 2^63 sectors.");
        }

        return new DmStatsRegionSpec(start, length, Require(step));
    }

    /// <summary>
    /// The <c>@stats_create</c> arguments: "&lt;range&gt; &lt;step&gt; [&lt;n&gt; &lt;options&gt;…] [&lt;program id&gt; [&lt;aux&gt;]]".
    /// The option count is written whenever a program id follows, so a numeric program id is not
    /// taken for it.
    /// </summary>
    /// <returns>The arguments, without the "@stats_create" word.</returns>
    public string FormatArguments()
    {
        var words = new List<string>
        {
            Start is { } start ? $"{start}+{Length!.Value}" : "-",
            Step.ToString(),
        };
        var options = new List<string>();
        if (PreciseTimestamps)
        {
            options.Add("precise_timestamps");
        }

        if (HistogramBoundaries is { } boundaries)
        {
            options.Add("histogram:" + string.Join(',', boundaries.Select(b => b.ToString(CultureInfo.InvariantCulture))));
        }

        if (options.Count > 0 || ProgramId is not null || AuxData is not null)
        {
            words.Add(options.Count.ToString(CultureInfo.InvariantCulture));
            words.AddRange(options);
        }

        if (ProgramId is not null || AuxData is not null)
        {
            words.Add(ProgramId ?? "-");
        }

        if (AuxData is not null)
        {
            words.Add(AuxData);
        }

        return string.Join(' ', words);
    }

    private static DmStatsStep Require(DmStatsStep step) => step ?? throw new DmValidationException("step", "A dm-stats region needs a step.");
}
