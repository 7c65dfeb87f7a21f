using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm.Backends;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Backends.Ioctl;
using Sts.Dm.Devices;
using Sts.Dm.Tables;

namespace Sts.Benchmarks;

/// <summary>
/// Device-mapper timing harness: a raw ioctl loop (the limit), the native ioctl layer
/// (DmControl), and the two backends (IoctlBackend, DmsetupBackend), measured in the same run on
/// the same kernel; the report gives times per operation and the ratios between approaches. Run as root on a kernel with device-mapper (e.g. in the lab VM):
///   dotnet bench/Sts.Benchmarks/bin/Release/net10.0/Sts.Benchmarks.dll [fixtures [--iterations 10]] [--devices 100] [--status 1000] [--out FILE]
/// </summary>
public static class Program
{
    private const string Prefix = "stsbench-";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "fixtures")
        {
            var script = Path.Combine(AppContext.BaseDirectory, "thin-stack.sh");
            var text = await FixtureOverhead.RunAsync(Option(args, "--iterations", 10), script);
            Console.WriteLine(text);
            if (args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() is { } file)
            {
                await File.WriteAllTextAsync(file, text);
            }

            return 0;
        }

        var devices = Option(args, "--devices", 100);
        var statusIterations = Option(args, "--status", 1000);
        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
        using var native = DmControl.Open();
        using var raw = new RawDm();
        using IDmBackend ioctl = IoctlBackend.Open();
        using IDmBackend dmsetup = new DmsetupBackend();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}, dm interface {native.GetDriverVersion()}, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd}");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"udev running: {Sts.Core.Host.Udev.IsRunning}");
        report.AppendLine();
        report.AppendLine("| operation | raw ioctls (limit) | DmControl | IoctlBackend | DmsetupBackend | DmControl / raw | IoctlBackend / raw | DmsetupBackend / IoctlBackend |");
        report.AppendLine("|---|---|---|---|---|---|---|---|");
        try
        {
            await CreateAndRemove(native, raw, ioctl, dmsetup, devices, report);
            await Listing(native, raw, ioctl, dmsetup, report);
            await Status(native, raw, ioctl, dmsetup, statusIterations, report);
        }
        finally
        {
            foreach (var device in native.ListDevices().Where(d => d.Name.StartsWith(Prefix, StringComparison.Ordinal)))
            {
                native.TryRemove(device.Name);
            }
        }

        Console.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    private static async Task CreateAndRemove(DmControl native, RawDm raw, IDmBackend ioctl, IDmBackend dmsetup, int n, StringBuilder report)
    {
        DmTargetSpec[] zero = [new(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "")];
        var table = DmTable.Parse("0 8 zero");
        // Warm up every path (JIT, module, caches) before measuring.
        raw.CreateZero(Prefix + "warm-raw", 8);
        raw.Delete(Prefix + "warm-raw");
        native.CreateAndLoad(Prefix + "warm-native", zero);
        native.Remove(Prefix + "warm-native");
        foreach (var backend in new[] { ioctl, dmsetup })
        {
            await backend.CreateAsync(Prefix + "warm-" + backend.Name, table);
            await backend.RemoveAsync(Prefix + "warm-" + backend.Name);
        }

        var rawCreate = Time(n, i => raw.CreateZero($"{Prefix}raw-{i}", 8));
        var rawRemove = Time(n, i => raw.Delete($"{Prefix}raw-{i}"));
        var nativeCreate = Time(n, i => native.CreateAndLoad($"{Prefix}native-{i}", zero));
        var nativeRemove = Time(n, i => native.Remove($"{Prefix}native-{i}"));
        var ioctlCreate = await TimeAsync(n, i => ioctl.CreateAsync($"{Prefix}ioctl-{i}", table));
        var ioctlRemove = await TimeAsync(n, i => ioctl.RemoveAsync($"{Prefix}ioctl-{i}"));
        var toolCreate = await TimeAsync(n, i => dmsetup.CreateAsync($"{Prefix}tool-{i}", table));
        var toolRemove = await TimeAsync(n, i => dmsetup.RemoveAsync($"{Prefix}tool-{i}"));
        Row(report, $"create + load + resume (per device, N={n})", rawCreate, nativeCreate, ioctlCreate, toolCreate);
        Row(report, $"remove (per device, N={n})", rawRemove, nativeRemove, ioctlRemove, toolRemove);
    }

    private static async Task Listing(DmControl native, RawDm raw, IDmBackend ioctl, IDmBackend dmsetup, StringBuilder report)
    {
        var created = 0;
        foreach (var size in new[] { 100, 1000 })
        {
            for (; created < size; created++)
            {
                raw.CreateZero($"{Prefix}list-{created}", 8);
            }

            var total = native.ListDevices().Count;
            _ = raw.ListCount(); // warm-up: JIT and buffer sizes, untimed
            _ = await ioctl.ListAsync();
            _ = await dmsetup.ListAsync();
            var rawList = Time(20, _ => Check(raw.ListCount() == total));
            var nativeList = Time(20, _ => Check(native.ListDevices().Count == total));
            var ioctlList = await TimeAsync(20, async _ => Check((await ioctl.ListAsync()).Count == total));
            var toolList = await TimeAsync(3, async _ => Check((await dmsetup.ListAsync()).Count == total));
            Row(report, $"list {total} devices with uuids (per listing)", rawList, nativeList, ioctlList, toolList);
        }

        for (var i = 0; i < created; i++)
        {
            raw.Delete($"{Prefix}list-{i}");
        }
    }

    private static async Task Status(DmControl native, RawDm raw, IDmBackend ioctl, IDmBackend dmsetup, int iterations, StringBuilder report)
    {
        await using var metadata = await LoopDevice.CreateAsync(Size.FromMiB(16));
        await using var data = await LoopDevice.CreateAsync(Size.FromMiB(256));
        var pool = Prefix + "pool";
        var sectors = data.SizeInSectors;
        native.CreateAndLoad(pool, [new DmTargetSpec(Sectors.FromCount(0), sectors, "thin-pool", $"{metadata.DeviceNumber} {data.DeviceNumber} 128 1024")]);
        try
        {
            var toolRuns = Math.Max(10, iterations / 10);
            _ = raw.Status(pool); // warm-up, untimed
            _ = native.GetStatus(pool);
            _ = await ioctl.GetStatusAsync(pool);
            _ = await dmsetup.GetStatusAsync(pool);
            var rawStatus = Time(iterations, _ => Check(raw.Status(pool) == 1));
            var nativeStatus = Time(iterations, _ => Check(native.GetStatus(pool).Count == 1));
            var ioctlStatus = await TimeAsync(iterations, async _ => Check((await ioctl.GetStatusAsync(pool)).Count == 1));
            var toolStatus = await TimeAsync(toolRuns, async _ => Check((await dmsetup.GetStatusAsync(pool)).Count == 1));
            Row(report, $"typed status of one thin-pool (per call; {iterations} calls, {toolRuns} for dmsetup)", rawStatus, nativeStatus, ioctlStatus, toolStatus);
        }
        finally
        {
            native.Remove(pool);
        }
    }

    private static TimeSpan Time(int n, Action<int> action)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            action(i);
        }

        return stopwatch.Elapsed / n;
    }

    private static async Task<TimeSpan> TimeAsync(int n, Func<int, Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await action(i);
        }

        return stopwatch.Elapsed / n;
    }

    private static void Row(StringBuilder report, string operation, TimeSpan raw, TimeSpan control, TimeSpan ioctl, TimeSpan tool) =>
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {operation} | {Ms(raw)} | {Ms(control)} | {Ms(ioctl)} | {Ms(tool)} | {control / raw:0.00}× | {ioctl / raw:0.00}× | {tool / ioctl:0.0}× |");

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("A benchmark call returned an unexpected answer.");
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
