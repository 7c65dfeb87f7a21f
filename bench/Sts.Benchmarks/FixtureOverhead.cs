using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sts.Core.Commands;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm.Backends;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Backends.Ioctl;
using Sts.Fixtures.Stacks;

namespace Sts.Benchmarks;

/// <summary>
/// Fixture overhead: build and tear down loop → thin-pool → thin (teardown ends with thin_check)
/// through DeviceStack on each backend, against bench/thin-stack.sh doing the same
/// losetup/dmsetup steps, interleaved in the same run so drift hits all three alike.
///   dotnet bench/Sts.Benchmarks/bin/Release/net10.0/Sts.Benchmarks.dll fixtures [--iterations 10] [--out FILE]
/// </summary>
internal static class FixtureOverhead
{
    public static async Task<string> RunAsync(int iterations, string script)
    {
        var run = RunContext.Current;
        using IDmBackend ioctl = IoctlBackend.Open();
        using IDmBackend dmsetup = new DmsetupBackend();
        var options = new ThinPoolOptions { DataSize = Size.FromMiB(64), MetadataSize = Size.FromMiB(8) };

        async Task Fixture(IDmBackend backend)
        {
            await using var stack = new DeviceStack(backend, run);
            var pool = await stack.ThinPoolAsync(options);
            await pool.CreateThinAsync(Size.FromMiB(32));
        }

        var counter = 0;
        Task Script() => new Command("bash").WithArguments(script, run.WorkDirectory, $"{run.Prefix}sh-{counter++}")
            .WithTimeout(TimeSpan.FromMinutes(2)).ExecuteAsync();

        // Warm-up: JIT, modules, page cache, udev rules.
        await Script();
        await Fixture(ioctl);
        await Fixture(dmsetup);

        var times = new Dictionary<string, List<double>> { ["script"] = [], ["ioctl"] = [], ["dmsetup"] = [] };
        for (var i = 0; i < iterations; i++)
        {
            times["script"].Add(await Measure(Script));
            times["ioctl"].Add(await Measure(() => Fixture(ioctl)));
            times["dmsetup"].Add(await Measure(() => Fixture(dmsetup)));
        }

        var script_ = Median(times["script"]);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Fixture overhead: loop → thin-pool → thin, built and torn down (with thin_check), {iterations} interleaved iterations, median");
        report.AppendLine();
        report.AppendLine("| approach | median | min | max | / shell script |");
        report.AppendLine("|---|---|---|---|---|");
        foreach (var (name, label) in new[] { ("script", "shell script (bench/thin-stack.sh: losetup, dmsetup, thin_check)"), ("ioctl", "DeviceStack, IoctlBackend"), ("dmsetup", "DeviceStack, DmsetupBackend") })
        {
            var values = times[name];
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {Median(values):0.0} ms | {values.Min():0.0} ms | {values.Max():0.0} ms | {Median(values) / script_:0.00}× |");
        }

        return report.ToString();
    }

    private static async Task<double> Measure(Func<Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        await action();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
