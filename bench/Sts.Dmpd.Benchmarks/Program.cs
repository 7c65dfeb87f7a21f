using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sts.Core.Commands;
using Sts.Core.Host;
using Sts.Dmpd.Formats.Thin;
using Sts.Dmpd.Tools;

namespace Sts.Dmpd.Benchmarks;

/// <summary>
/// thin_dump XML parsing against its limits: for each size, generates metadata (ThinMetadataGenerator
/// → thin_restore), times thin_dump producing the XML, a plain sequential read of that XML (the
/// limit) and Sts's streaming parser (best of N, warm page cache), and measures the parser's
/// memory in a fresh child process per size (peak RSS from /proc/self/status VmHWM, largest
/// managed heap sampled while parsing, bytes allocated), with ThinMetadata.Load (whole model in
/// memory) for contrast, and the memory of dumping and parsing through the typed API
/// (DmpdToolSet.ThinDumpReadAsync and ThinDumpMetadataAsync, thin_dump's output read while it runs).
/// Needs thin-provisioning-tools, no root, no kernel (figures: README.md beside this file):
///   dotnet bench/Sts.Dmpd.Benchmarks/bin/Release/net10.0/Sts.Dmpd.Benchmarks.dll [--mappings 100000,1000000] [--runs 3] [--dir /var/tmp] [--out FILE]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] is "--child-stream" or "--child-load")
        {
            return Child(args[0], args[1]);
        }

        if (args.Length == 2 && args[0] is "--child-dump-stream" or "--child-dump-load")
        {
            return await DumpChild(args[0], args[1]);
        }

        var sizes = (Option(args, "--mappings") ?? "100000,1000000").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var root = Directory.CreateDirectory(Path.Combine(Option(args, "--dir") ?? "/var/tmp", $"sts-dmpd-bench-{Environment.ProcessId}")).FullName;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"thin-provisioning-tools {(await Run("thin_dump", "-V")).StandardOutput.Trim()}, .NET {Environment.Version}, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd}; best of {runs} runs after a warm-up run, warm page cache; one device, mappings as ThinMetadataGenerator writes them (3/4 single_mapping, 1/4 range_mapping)");
        report.AppendLine();
        report.AppendLine("Times are best-of-runs wall time, with CPU time (user+system) in brackets: the host is shared, so CPU time is the fairer cost.");
        report.AppendLine();
        report.AppendLine("| mappings | XML size | thin_dump writes it | plain read (limit) | Sts streaming parser | parser MB/s (CPU) | parser mappings/s (CPU) | parser / plain read (CPU) | thin_dump / parser (CPU) | Sts writer generates it |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        var memory = new StringBuilder();
        memory.AppendLine("| mappings | parser: peak RSS | parser: max live heap (full GC every 65,536 mappings) | parser: allocated | ThinMetadata.Load: peak RSS | Load: live heap holding the model |");
        memory.AppendLine("|---|---|---|---|---|---|");
        var typed = new StringBuilder();
        typed.AppendLine("| mappings | DmpdToolSet.ThinDumpReadAsync (streaming): peak RSS | its max live heap | ThinDumpMetadataAsync (whole model): peak RSS | its live heap holding the model |");
        typed.AppendLine("|---|---|---|---|---|");
        try
        {
            foreach (var n in sizes)
            {
                await Measure(n, runs, root, report, memory, typed);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        report.AppendLine();
        report.Append(memory);
        report.AppendLine();
        report.AppendLine("Dumping and parsing through the typed API (thin_dump's standard output read by Sts while thin_dump runs; the Sts process's peak RSS, thin_dump's own memory not included):");
        report.AppendLine();
        report.Append(typed);
        Console.WriteLine(report);
        if (Option(args, "--out") is { } output)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    private static async Task Measure(long mappings, int runs, string root, StringBuilder report, StringBuilder memory, StringBuilder typed)
    {
        var generated = Path.Combine(root, $"gen-{mappings}.xml");
        var dumped = Path.Combine(root, $"dump-{mappings}.xml");
        var meta = Path.Combine(root, $"meta-{mappings}.bin");

        var writer = Best(runs, () =>
        {
            using var file = new FileStream(generated, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            ThinMetadataGenerator.Write(file, devices: 1, mappingsPerDevice: mappings);
        });

        using (var file = File.Create(meta))
        {
            // Sparse; thin_restore needs room for about 1.5 btree entries per mapping.
            file.SetLength(Math.Max(64L << 20, mappings * 160));
        }

        Console.Error.WriteLine($"[{mappings}] thin_restore ...");
        (await Run("thin_restore", "-i", generated, "-o", meta)).ExitCode.Check("thin_restore");
        var thinDump = new Timing(TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var i = 0; i < runs; i++)
        {
            Console.Error.WriteLine($"[{mappings}] thin_dump run {i + 1} ...");
            var cpu = Rusage.ChildrenCpu();
            var result = await Run("thin_dump", "-o", dumped, meta);
            result.ExitCode.Check("thin_dump");
            thinDump = thinDump.Min(new Timing(result.Duration, Rusage.ChildrenCpu() - cpu));
        }

        if (!File.ReadAllBytes(dumped).AsSpan().SequenceEqual(File.ReadAllBytes(generated)))
        {
            throw new InvalidOperationException("thin_dump's output differs from the generated XML");
        }

        var bytes = new FileInfo(dumped).Length;
        var buffer = new byte[1 << 20];
        var plain = Best(runs, () =>
        {
            using var file = new FileStream(dumped, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            while (file.Read(buffer) > 0)
            {
            }
        });

        long counted = 0;
        var parser = Best(runs, () => counted = Stream(dumped, null));
        if (counted != mappings)
        {
            throw new InvalidOperationException($"the parser read {counted} mappings, expected {mappings}");
        }

        var stream = await ChildMemory("--child-stream", dumped);
        var load = await ChildMemory("--child-load", dumped);
        var dumpStream = await ChildMemory("--child-dump-stream", meta);
        var dumpLoad = await ChildMemory("--child-dump-load", meta);
        var mb = bytes / 1e6;
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {mappings:N0} | {mb:F1} MB | {thinDump} | {plain} | {parser} | {mb / parser.Wall.TotalSeconds:F0} ({mb / parser.Cpu.TotalSeconds:F0}) | {mappings / parser.Wall.TotalSeconds / 1e6:F2} M ({mappings / parser.Cpu.TotalSeconds / 1e6:F2} M) | {Ratio(parser.Wall, plain.Wall)} ({Ratio(parser.Cpu, plain.Cpu)}) | {Ratio(thinDump.Wall, parser.Wall)} ({Ratio(thinDump.Cpu, parser.Cpu)}) | {writer} |");
        memory.AppendLine(CultureInfo.InvariantCulture,
            $"| {mappings:N0} | {stream.PeakRss / 1e6:F1} MB | {stream.MaxHeap / 1e6:F1} MB | {stream.Allocated / 1e6:F0} MB | {load.PeakRss / 1e6:F1} MB | {load.MaxHeap / 1e6:F1} MB |");
        typed.AppendLine(CultureInfo.InvariantCulture,
            $"| {mappings:N0} | {dumpStream.PeakRss / 1e6:F1} MB | {dumpStream.MaxHeap / 1e6:F1} MB | {dumpLoad.PeakRss / 1e6:F1} MB | {dumpLoad.MaxHeap / 1e6:F1} MB |");
        File.Delete(meta);
    }

    private static long Stream(string path, Action<long>? everyMapping)
    {
        using var reader = ThinDumpReader.Open(path);
        return Count(reader, everyMapping);
    }

    private static long Count(ThinDumpReader reader, Action<long>? everyMapping)
    {
        long count = 0;
        ulong blocks = 0;
        while (reader.TryReadDevice(out _))
        {
            while (reader.TryReadMapping(out var mapping))
            {
                blocks += mapping.Length;
                if ((++count & 0xFFFF) == 0)
                {
                    everyMapping?.Invoke(count);
                }
            }
        }

        return blocks > 0 ? count : count;
    }

    // thin_dump run through DmpdToolSet, its output parsed as it arrives (stream) or into the whole model (load).
    private static async Task<int> DumpChild(string mode, string meta)
    {
        long maxHeap = 0;
        void Sample(long _) => maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(forceFullCollection: true));
        var tools = await DmpdToolSet.DetectAsync();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        long counted;
        if (mode == "--child-dump-stream")
        {
            counted = await tools.ThinDumpReadAsync(new ThinDumpOptions(meta), reader => Count(reader, Sample));
        }
        else
        {
            var metadata = await tools.ThinDumpMetadataAsync(new ThinDumpOptions(meta));
            Sample(0);
            counted = metadata.Devices.Sum(d => (long)d.Mappings.Count);
        }

        Sample(0);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.Error.WriteLine($"{mode}: {counted} mappings");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{PeakRss()} {maxHeap} {allocated}"));
        return 0;
    }

    private static long PeakRss()
    {
        var hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return 1024 * long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    // A fresh process per measurement so peak RSS describes one parse, not the harness.
    private static int Child(string mode, string path)
    {
        long maxHeap = 0;
        void Sample(long _) => maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(forceFullCollection: true));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        if (mode == "--child-stream")
        {
            Stream(path, Sample);
        }
        else
        {
            var metadata = ThinMetadata.Load(path);
            Sample(0);
            GC.KeepAlive(metadata);
        }

        Sample(0);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var peakKb = long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{peakKb * 1024} {maxHeap} {allocated}"));
        return 0;
    }

    private static async Task<(long PeakRss, long MaxHeap, long Allocated)> ChildMemory(string mode, string path)
    {
        var self = Environment.ProcessPath!;
        var arguments = self.EndsWith("dotnet", StringComparison.Ordinal) ? new[] { typeof(Program).Assembly.Location, mode, path } : [mode, path];
        var result = await new Command(self).WithArguments(arguments).ExecuteAsync();
        var parts = result.StandardOutput.Trim().Split(' ').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (parts[0], parts[1], parts[2]);
    }

    private static Timing Best(int runs, Action action)
    {
        // One untimed run first, so every timed run executes fully optimized (tier-1) code.
        action();
        var best = new Timing(TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var i = 0; i < runs; i++)
        {
            var cpu = Rusage.SelfCpu();
            var watch = Stopwatch.StartNew();
            action();
            best = best.Min(new Timing(watch.Elapsed, Rusage.SelfCpu() - cpu));
        }

        return best;
    }

    private readonly record struct Timing(TimeSpan Wall, TimeSpan Cpu)
    {
        public Timing Min(Timing other) => new(Wall < other.Wall ? Wall : other.Wall, Cpu < other.Cpu ? Cpu : other.Cpu);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wall.TotalMilliseconds:F0} ms ({Cpu.TotalMilliseconds:F0} ms)");
    }

    private static string Ratio(TimeSpan a, TimeSpan b) =>
        b <= TimeSpan.Zero ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{a / b:F1}x");

    private static Task<CommandResult> Run(string tool, params string[] arguments) =>
        new Command(Sts.Core.Host.Tools.Find(tool) ?? tool).WithArguments(arguments).WithValidation(CommandValidation.None).WithTimeout(TimeSpan.FromMinutes(30)).ExecuteAsync();

    private static void Check(this int exitCode, string tool)
    {
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {exitCode}");
        }
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
