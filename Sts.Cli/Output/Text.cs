using System.Globalization;
using Sts.Results.Model;

namespace Sts.Cli.Output;

/// <summary>How times, durations and messages are printed.</summary>
internal static class Text
{
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 10 and > -10 => duration.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture),
        _ => duration.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture),
    };

    public static string Change(TimeSpan? change, TimeSpan old)
    {
        if (change is not { } delta)
        {
            return string.Empty;
        }

        var sign = delta >= TimeSpan.Zero ? "+" : "-";
        var text = sign + Seconds(delta.Duration());
        return old > TimeSpan.Zero ? text + string.Create(CultureInfo.InvariantCulture, $" ({sign}{Math.Abs(delta / old * 100):0} %)") : text;
    }

    public static string When(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string FirstLine(string? message, int max = 160)
    {
        if (string.IsNullOrEmpty(message))
        {
            return string.Empty;
        }

        var line = message.Split('\n')[0].TrimEnd('\r');
        return line.Length > max ? line[..(max - 1)] + "…" : line;
    }

    public static string Outcome(TestRecord? record) => record?.Outcome.Name() ?? "absent";

    public static string Describe(RunInfo run) =>
        $"run {run.Id}: result set '{run.ResultSet}', kernel {run.KernelRelease} ({run.KernelOrigin}), started {When(run.Started)} on {run.Host}"
        + (run.ToolVersions.Length > 0 ? $", {run.ToolVersions}" : string.Empty)
        + (run.DmDriverVersion.Length > 0 ? $", dm driver {run.DmDriverVersion}" : string.Empty)
        + (run.Backend.Length > 0 ? $", backend {run.Backend}" : string.Empty);
}
