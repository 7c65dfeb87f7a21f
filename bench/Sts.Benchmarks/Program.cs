using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm.Backends.Ioctl;
using Sts.Dm.Devices;

namespace Sts.Benchmarks;

/// <summary>
/// Device-mapper timing harness: the native backend, dmsetup, and a raw ioctl loop (the limit),
/// measured in the same run on the same kernel; the report gives times per operation and the
/// ratios between approaches. Run as root on a kernel with device-mapper (e.g. in the lab VM):
///   dotnet bench/Sts.Benchmarks/bin/Release/net10.0/Sts.Benchmarks.dll [--devices 100] [--status 1000] [--out FILE]
/// </summary>
public static class Program
{
    private const string Prefix = "stsbench-";

    public static async Task<int> Main(string[] args)
    {
        var devices = Option(args, "--devices", 100);
        var statusIterations = Option(args, "--status", 1000);
        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
        using var native = DmControl.Open();
        using var raw = new RawDm();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}, dm interface {native.GetDriverVersion()}, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd}");
        report.AppendLine();
        report.AppendLine("| operation | raw ioctls (limit) | native backend | dmsetup | native / raw | dmsetup / native |");
        report.AppendLine("|---|---|---|---|---|---|");
        try
        {
            await CreateAndRemove(native, raw, devices, report);
            await Listing(native, raw, report);
            await Status(native, raw, statusIterations, report);
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

    private static async Task CreateAndRemove(DmControl native, RawDm raw, int n, StringBuilder report)
    {
        DmTargetSpec[] zero = [new(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "")];
        // Warm up every path (JIT, module, caches) before measuring.
        raw.CreateZero(Prefix + "warm-raw", 8);
        raw.Delete(Prefix + "warm-raw");
        native.CreateAndLoad(Prefix + "warm-native", zero);
        native.Remove(Prefix + "warm-native");
        await Dmsetup("create", "--noudevsync", Prefix + "warm-tool", "--table", "0 8 zero");
        await Dmsetup("remove", "--noudevsync", Prefix + "warm-tool");

        var rawCreate = Time(n, i => raw.CreateZero($"{Prefix}raw-{i}", 8));
        var rawRemove = Time(n, i => raw.Delete($"{Prefix}raw-{i}"));
        var nativeCreate = Time(n, i => native.CreateAndLoad($"{Prefix}native-{i}", zero));
        var nativeRemove = Time(n, i => native.Remove($"{Prefix}native-{i}"));
        var toolCreate = await TimeAsync(n, i => Dmsetup("create", "--noudevsync", $"{Prefix}tool-{i}", "--table", "0 8 zero"));
        var toolRemove = await TimeAsync(n, i => Dmsetup("remove", "--noudevsync", $"{Prefix}tool-{i}"));
        Row(report, $"create + load + resume (per device, N={n})", rawCreate, nativeCreate, toolCreate);
        Row(report, $"remove (per device, N={n})", rawRemove, nativeRemove, toolRemove);
    }

    private static async Task Listing(DmControl native, RawDm raw, StringBuilder report)
    {
        var created = 0;
        foreach (var size in new[] { 100, 1000 })
        {
            for (; created < size; created++)
            {
                raw.CreateZero($"{Prefix}list-{created}", 8);
            }

            var total = native.ListDevices().Count;
            var rawList = Time(20, _ => Check(raw.ListCount() == total));
            var nativeList = Time(20, _ => Check(native.ListDevices().Count == total));
            var toolList = await TimeAsync(3, async _ => Check((await Dmsetup("info", "-c", "--noheadings", "-o", "name,uuid,major,minor,attr,open,events")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == total));
            Row(report, $"list {total} devices with uuid and info (per listing)", rawList, nativeList, toolList);
        }

        for (var i = 0; i < created; i++)
        {
            raw.Delete($"{Prefix}list-{i}");
        }
    }

    private static async Task Status(DmControl native, RawDm raw, int iterations, StringBuilder report)
    {
        await using var metadata = await LoopDevice.CreateAsync(Size.FromMiB(16));
        await using var data = await LoopDevice.CreateAsync(Size.FromMiB(256));
        var pool = Prefix + "pool";
        var sectors = data.SizeInSectors;
        native.CreateAndLoad(pool, [new DmTargetSpec(Sectors.FromCount(0), sectors, "thin-pool", $"{metadata.DeviceNumber} {data.DeviceNumber} 128 1024")]);
        try
        {
            var rawStatus = Time(iterations, _ => Check(raw.Status(pool) == 1));
            var nativeStatus = Time(iterations, _ => Check(native.GetStatus(pool).Count == 1));
            var toolStatus = await TimeAsync(Math.Max(10, iterations / 10), _ => Dmsetup("status", pool));
            Row(report, $"status of one thin-pool (per call; {iterations} ioctl calls, {Math.Max(10, iterations / 10)} dmsetup runs)", rawStatus, nativeStatus, toolStatus);
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

    private static void Row(StringBuilder report, string operation, TimeSpan raw, TimeSpan native, TimeSpan tool) =>
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {operation} | {Ms(raw)} | {Ms(native)} | {Ms(tool)} | {native / raw:0.00}× | {tool / native:0.0}× |");

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("A benchmark call returned an unexpected answer.");
        }
    }

    private static async Task<string> Dmsetup(params string[] arguments) =>
        (await new Command("dmsetup").WithArguments(arguments).WithTimeout(TimeSpan.FromMinutes(1)).ExecuteAsync()).StandardOutput;

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
