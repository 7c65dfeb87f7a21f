using Sts.Core.Units;
using Sts.Dm.Devices;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>
/// The hostile-input corpus (issue 13, item 3): one line per case, written as category,
/// description, input and expected outcome (an exception type, or <see cref="Device"/> for a
/// correct device or an answer). Inputs hold placeholders (see <see cref="HostileBench.Expand"/>):
/// {p} is the run's prefix, so every name the framework accepts is the run's own, and
/// {fill:N:c} pads the text with c up to N UTF-8 bytes. Every input goes through the framework's
/// own entry points (<see cref="DmDevice"/>, and the backend for lookups and messages to devices
/// that do not exist), never around them.
/// </summary>
internal static partial class HostileCorpus
{
    /// <summary>The expected outcome "a correct device (or an answer)".</summary>
    private const Type? Device = null;

    private static readonly DmTable Zero8 = DmTable.OneLine(Sectors.FromCount(8), new ZeroTarget());

    /// <summary>Every case, category by category.</summary>
    public static IReadOnlyList<HostileCase> All { get; } = [.. Names(), .. Uuids(), .. Tables(), .. Messages(), .. Sizes()];

    /// <summary>Creates a device named by the input with an 8-sector zero table.</summary>
    private static HostileCase CreateNamed(string description, string name, Type? expected) =>
        new(HostileCategory.Names, "create: " + description, name, expected, async (bench, backend) =>
            await bench.VerifyAndRemoveAsync(
                await DmDevice.CreateAsync(bench.Expand(name), Zero8, backend: backend, run: bench.Run), Zero8, nameIsTheInput: true));

    /// <summary>Renames a device of the run to the input.</summary>
    private static HostileCase RenameTo(string description, string newName, Type? expected) =>
        new(HostileCategory.Names, "rename: " + description, newName, expected, (bench, backend) =>
            ChangeThenVerifyAsync(bench, backend, "rename", device => device.RenameAsync(bench.Expand(newName)), nameIsTheInput: true));

    /// <summary>Looks a device up by the input (nothing is created).</summary>
    private static HostileCase LookUp(string description, string name, Type? expected) =>
        new(HostileCategory.Names, "look up: " + description, name, expected, async (bench, backend) =>
            await DmDevice.TryGetByNameAsync(bench.Expand(name), backend, bench.Run) is { } found ? $"found {found.Name}" : "absent");

    /// <summary>Creates a device of the run with the input as its uuid.</summary>
    private static HostileCase CreateWithUuid(string description, string uuid, Type? expected) =>
        new(HostileCategory.Uuids, "create: " + description, uuid, expected, async (bench, backend) =>
            await bench.VerifyAndRemoveAsync(
                await DmDevice.CreateAsync(bench.Run.NewName("uuid"), Zero8, bench.Expand(uuid), backend: backend, run: bench.Run), Zero8));

    /// <summary>Sets the input as the uuid of a device of the run created without one.</summary>
    private static HostileCase SetUuid(string description, string uuid, Type? expected) =>
        new(HostileCategory.Uuids, "set: " + description, uuid, expected, (bench, backend) =>
            ChangeThenVerifyAsync(bench, backend, "setuuid", device => device.SetUuidAsync(bench.Expand(uuid)), nameIsTheInput: false));

    /// <summary>Creates a plain device of the run, changes it, and checks it (or removes it when the change is refused).</summary>
    private static async Task<string> ChangeThenVerifyAsync(HostileBench bench, Sts.Dm.Backends.IDmBackend backend, string purpose,
        Func<DmDevice, Task> change, bool nameIsTheInput)
    {
        var device = await DmDevice.CreateAsync(bench.Run.NewName(purpose), Zero8, backend: backend, run: bench.Run);
        try
        {
            await change(device);
        }
        catch
        {
            await device.RemoveAsync();
            throw;
        }

        return await bench.VerifyAndRemoveAsync(device, Zero8, nameIsTheInput);
    }

    /// <summary>
    /// Creates a device of the run from a table written as text (read by <see cref="DmTable.Parse"/>,
    /// the typed model's reader); a created device must list back as <paramref name="listsBackAs"/>
    /// (the input itself when null: the kernel prints devices as major:minor).
    /// </summary>
    private static HostileCase TableText(HostileCategory category, string description, string table, Type? expected, string? listsBackAs = null) =>
        new(category, description, table, expected, async (bench, backend) =>
        {
            var parsed = DmTable.Parse(bench.Expand(table));
            var device = await DmDevice.CreateAsync(bench.Run.NewName("table"), parsed, backend: backend, run: bench.Run);
            return await bench.VerifyAndRemoveAsync(device, DmTable.Parse(bench.Expand(listsBackAs ?? table)));
        });

    /// <summary>
    /// Loads a table written as text into a live zero device of the run: a refused load must leave
    /// the live table as it was and no inactive one; a load that succeeds must show the table in the
    /// inactive slot.
    /// </summary>
    private static HostileCase LoadInto(string description, string table, Type? expected, string? listsBackAs = null) =>
        new(HostileCategory.Tables, "load: " + description, table, expected, async (bench, backend) =>
        {
            var device = await DmDevice.CreateAsync(bench.Run.NewName("load"), Zero8, backend: backend, run: bench.Run);
            try
            {
                await device.LoadAsync(DmTable.Parse(bench.Expand(table)));
                var inactive = await bench.Ioctl.GetTableAsync(device.Name, inactive: true);
                return inactive is not null && inactive.Equals(DmTable.Parse(bench.Expand(listsBackAs ?? table)))
                    ? $"inactive: {inactive.Format().TrimEnd()}"
                    : throw new HostileMismatchException($"the inactive table lists back as \"{inactive?.Format().TrimEnd()}\".");
            }
            catch (Exception ex) when (ex is not HostileMismatchException)
            {
                var live = await bench.Ioctl.GetTableAsync(device.Name);
                var inactive = await bench.Ioctl.GetTableAsync(device.Name, inactive: true);
                if (!Zero8.Equals(live) || inactive is not null)
                {
                    throw new HostileMismatchException($"a refused load ({ex.GetType().Name}) changed the device: live \"{live?.Format().TrimEnd()}\", inactive \"{inactive?.Format().TrimEnd()}\".");
                }

                throw;
            }
            finally
            {
                await device.RemoveAsync();
            }
        });

    /// <summary>
    /// Creates a device of the run with one line whose target is given raw (<see cref="GenericTarget"/>:
    /// any type name, arguments verbatim), so the kernel, not the typed model, judges them.
    /// </summary>
    private static HostileCase RawLine(HostileCategory category, string description, long length, string type, string arguments, Type? expected,
        string? listsBackAs = null) =>
        new(category, description, $"0 {length} {type} {arguments}", expected, async (bench, backend) =>
        {
            var table = DmTable.OneLine(Sectors.FromCount(length), new GenericTarget(type, bench.Expand(arguments)));
            var device = await DmDevice.CreateAsync(bench.Run.NewName("raw"), table, backend: backend, run: bench.Run);
            return await bench.VerifyAndRemoveAsync(device, DmTable.Parse(bench.Expand(listsBackAs ?? $"0 {length} {type} {arguments}")));
        });

    /// <summary>Creates a device of the run from a table built with the typed API.</summary>
    private static HostileCase Built(HostileCategory category, string description, string input, Func<HostileBench, DmTable> table, Type? expected) =>
        new(category, description, input, expected, async (bench, backend) =>
        {
            var built = table(bench);
            var device = await DmDevice.CreateAsync(bench.Run.NewName("built"), built, backend: backend, run: bench.Run);
            return await bench.VerifyAndRemoveAsync(device, built);
        });

    /// <summary>Sends a raw message text to one of the bench's devices ("zero", "linear", "pool").</summary>
    private static HostileCase Message(string target, string description, string text, Type? expected, long sector = 0) =>
        new(HostileCategory.Messages, $"{target}: {description}", sector == 0 ? text : $"{text} @ sector {sector}", expected, async (bench, backend) =>
        {
            var answer = await (await bench.OpenAsync(target, backend)).MessageAsync(bench.Expand(text), Sectors.FromCount(sector));
            return answer is null ? "no answer" : $"answer {answer.Length} chars";
        });

    /// <summary>Sends a raw message text through the backend to a device by name (one that does not exist, or a name it refuses).</summary>
    private static HostileCase MessageByName(string description, string name, string text, Type? expected) =>
        new(HostileCategory.Messages, description, $"{name} <- {text}", expected, async (bench, backend) =>
            await backend.SendMessageAsync(bench.Expand(name), bench.Expand(text)) ?? "no answer");
}
