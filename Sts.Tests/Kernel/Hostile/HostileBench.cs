using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm.Backends;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Backends.Ioctl;
using Sts.Dm.Devices;
using Sts.Dm.Naming;
using Sts.Dm.Tables;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>
/// What the hostile corpus works with, made once for both backends: two 4 MiB loop devices (one
/// with 512-byte, one with 4096-byte logical blocks), a zero device (its name and uuid are taken),
/// a linear device and a small thin pool (targets to send messages to). It also answers the
/// questions asked after every case: which of the run's dm and loop devices exist beyond these,
/// and whether a shell ever ran a command hidden in an input.
/// </summary>
internal sealed partial class HostileBench : IAsyncDisposable
{
    private readonly DeviceStack _stack;
    private readonly Dictionary<(string Name, string Backend), DmDevice> _opened = [];

    private HostileBench(RunContext run, IDmBackend ioctl, IDmBackend dmsetup, DeviceStack stack)
    {
        Run = run;
        Ioctl = ioctl;
        Dmsetup = dmsetup;
        _stack = stack;
        Marker = $"sts-hostile-{run.Id}";
    }

    /// <summary>The run; every name the corpus may create carries its prefix.</summary>
    public RunContext Run { get; }

    /// <summary>The ioctl backend.</summary>
    public IDmBackend Ioctl { get; }

    /// <summary>The dmsetup backend.</summary>
    public IDmBackend Dmsetup { get; }

    /// <summary>A 4 MiB loop device with 512-byte logical blocks (8192 sectors).</summary>
    public LoopDevice Loop { get; private set; } = null!;

    /// <summary>A 4 MiB loop device with 4096-byte logical blocks.</summary>
    public LoopDevice Loop4K { get; private set; } = null!;

    /// <summary>An 8-sector zero device; its name and uuid are taken.</summary>
    public DmDevice Zero { get; private set; } = null!;

    /// <summary>A linear device over part of <see cref="Loop"/>.</summary>
    public DmDevice Linear { get; private set; } = null!;

    /// <summary>A small thin pool (its own loop devices).</summary>
    public DmDevice Pool { get; private set; } = null!;

    /// <summary>The file name a command hidden in an input would create ("touch {marker}").</summary>
    public string Marker { get; }

    /// <summary>Makes the bench.</summary>
    /// <returns>The bench; dispose it to remove everything.</returns>
    public static async Task<HostileBench> CreateAsync()
    {
        var run = RunContext.Current;
        var ioctl = IoctlBackend.Open();
        var stack = new DeviceStack(ioctl, run);
        var bench = new HostileBench(run, ioctl, new DmsetupBackend(), stack);
        try
        {
            bench.Loop = await stack.LoopAsync(Size.FromMiB(4));
            bench.Loop4K = await stack.LoopAsync(Size.FromMiB(4), new LoopDeviceOptions { SectorSize = 4096 });
            bench.Zero = await stack.ZeroAsync(Size.FromKiB(4));
            bench.Linear = await stack.LinearAsync(stack.Admit(bench.Loop), Sectors.FromCount(4096), Sectors.FromCount(64));
            bench.Pool = (await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) })).Device;
            return bench;
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Fills a corpus text's placeholders: {p} the run's prefix ({P} in capitals), {zerouuid} the
    /// zero device's uuid, {fill:N:c} as many c as make the text N UTF-8 bytes long, {loop}/{loop4k} the loop devices'
    /// paths, {loopnum}/{loop4knum} their major:minor, {zero} the zero device's name, {marker} the
    /// marker file's name.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with its placeholders filled.</returns>
    public string Expand(string text)
    {
        var expanded = text
            .Replace("{p}", Run.Prefix, StringComparison.Ordinal)
            .Replace("{P}", Run.Prefix.ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("{zerouuid}", Zero.Uuid, StringComparison.Ordinal)
        .Replace("{loopnum}", Loop.DeviceNumber.ToString(), StringComparison.Ordinal)
        .Replace("{loop4knum}", Loop4K.DeviceNumber.ToString(), StringComparison.Ordinal)
        .Replace("{loop4k}", Loop4K.Path, StringComparison.Ordinal)
        .Replace("{loop}", Loop.Path, StringComparison.Ordinal)
        .Replace("{zero}", Zero.Name, StringComparison.Ordinal)
            .Replace("{marker}", Marker, StringComparison.Ordinal);
        return Fill().Replace(expanded, match =>
        {
            // Pads with the character up to the total length in UTF-8 bytes.
            var total = int.Parse(match.Groups["bytes"].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups["unit"].Value;
            var rest = Encoding.UTF8.GetByteCount(expanded) - Encoding.UTF8.GetByteCount(match.Value);
            return string.Concat(Enumerable.Repeat(unit, (total - rest) / Encoding.UTF8.GetByteCount(unit)));
        });
    }

    /// <summary>
    /// The run's dm devices that are not the bench's, from the kernel's list (the ioctl backend)
    /// and from /sys/block/dm-*/dm/name, which must agree.
    /// </summary>
    /// <returns>Their names (the kernel's mangled form for the sysfs ones), empty when nothing was left behind.</returns>
    public async Task<IReadOnlyList<string>> LeftoverDevicesAsync()
    {
        var own = _stack.Devices.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var ownKernelNames = own.Select(DmNames.ToKernelName).ToHashSet(StringComparer.Ordinal);
        var listed = (await Ioctl.ListAsync()).Select(d => d.Name).Where(n => Run.Owns(n) && !own.Contains(n));
        var sysfs = Directory.EnumerateDirectories("/sys/block", "dm-*")
            .Select(dir => ReadOrNull(Path.Combine(dir, "dm", "name")))
            .OfType<string>()
            .Where(n => n.StartsWith(Run.Prefix, StringComparison.Ordinal) && !ownKernelNames.Contains(n))
            .Select(n => $"{n} (sysfs)");
        return listed.Concat(sysfs).ToList();
    }

    /// <summary>The run's loop devices (backing file in the run's directory) that are not the bench's, from /sys.</summary>
    /// <returns>Their backing files.</returns>
    public IReadOnlyList<string> LeftoverLoops()
    {
        var own = _stack.LoopDevices.Select(l => l.BackingFile).ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateDirectories("/sys/block", "loop*")
            .Select(dir => ReadOrNull(Path.Combine(dir, "loop", "backing_file")))
            .OfType<string>()
            .Where(file => file.StartsWith(Run.WorkDirectory, StringComparison.Ordinal) && !own.Contains(file))
            .ToList();
    }

    /// <summary>True when the marker file exists where a shell would have made it: the working directory, /tmp or /.</summary>
    public bool ShellRan() => new[] { Environment.CurrentDirectory, "/tmp", "/" }.Any(dir => File.Exists(Path.Combine(dir, Marker)));

    /// <summary>Removes a device the corpus left behind (a finding: the case is reported).</summary>
    /// <param name="name">Its name.</param>
    /// <returns>A task.</returns>
    public async Task RemoveLeftoverAsync(string name)
    {
        if (Run.Owns(name))
        {
            await Ioctl.RemoveAsync(name, attempts: 10);
        }
    }

    /// <summary>
    /// Checks that a device the case created lists back with its name, uuid and table, and that
    /// the kernel stores its name mangled; then removes it through the backend under test. The
    /// name was read back by that backend when it created the device; the listing and the table
    /// are read through the ioctl backend, in one ioctl each (a dmsetup process costs a third of a
    /// second in the lab VM, and the corpus has a time budget).
    /// </summary>
    /// <param name="device">The device.</param>
    /// <param name="expectedTable">The table it must list back with.</param>
    /// <param name="nameIsTheInput">Whether the name is the case's input (then it belongs in the result the backends must agree on).</param>
    /// <returns>"name | uuid | table" as listed (the name left out when it is not the input).</returns>
    /// <exception cref="HostileMismatchException">Something lists back different.</exception>
    public async Task<string> VerifyAndRemoveAsync(DmDevice device, DmTable expectedTable, bool nameIsTheInput = false)
    {
        try
        {
            var listed = (await Ioctl.ListAsync()).Where(d => d.DeviceNumber == device.DeviceNumber).ToList();
            if (listed.Count != 1 || listed[0].Name != device.Name)
            {
                throw new HostileMismatchException($"\"{device.Name}\" lists back as [{string.Join(", ", listed.Select(d => $"\"{d.Name}\""))}].");
            }

            if (listed[0].Uuid != device.Uuid && !(string.IsNullOrEmpty(listed[0].Uuid) && device.Uuid is null))
            {
                throw new HostileMismatchException($"uuid \"{device.Uuid}\" lists back as \"{listed[0].Uuid}\".");
            }

            var sysfsName = ReadOrNull($"/sys/block/{device.KernelName}/dm/name");
            if (sysfsName != DmNames.ToKernelName(device.Name))
            {
                throw new HostileMismatchException($"the kernel stores \"{sysfsName}\" for \"{device.Name}\".");
            }

            var table = await Ioctl.GetTableAsync(device.Name);
            if (!expectedTable.Equals(table))
            {
                throw new HostileMismatchException($"the table lists back as \"{table?.Format().TrimEnd()}\", not \"{expectedTable.Format().TrimEnd()}\".");
            }

            return $"{(nameIsTheInput ? listed[0].Name : "")} | {listed[0].Uuid} | {table.Format().TrimEnd()}";
        }
        finally
        {
            await device.RemoveAsync();
        }
    }

    /// <summary>One of the bench's devices ("zero", "linear", "pool") opened through a backend, once per backend.</summary>
    /// <param name="target">Which device.</param>
    /// <param name="backend">The backend.</param>
    /// <returns>The device.</returns>
    public async Task<DmDevice> OpenAsync(string target, IDmBackend backend)
    {
        var name = target switch
        {
            "zero" => Zero.Name,
            "linear" => Linear.Name,
            "pool" => Pool.Name,
            _ => throw new ArgumentException($"No bench device '{target}'.", nameof(target)),
        };
        if (!_opened.TryGetValue((name, backend.Name), out var device))
        {
            device = await DmDevice.GetByNameAsync(name, backend, Run);
            _opened[(name, backend.Name)] = device;
        }

        return device;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stack.DisposeAsync();
        }
        finally
        {
            Ioctl.Dispose();
            Dmsetup.Dispose();
        }
    }

    [GeneratedRegex(@"\{fill:(?<bytes>[0-9]+):(?<unit>.)\}", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Fill();

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path).TrimEnd('\n');
        }
        catch (IOException)
        {
            return null; // removed meanwhile
        }
    }
}
