using System.Security.Cryptography;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm.Backends;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Tests.Kernel.Faults;

/// <summary>
/// A loop device and a device-mapper device that belong to no run (a stand-in for the machine's
/// own devices): created outside every run, filled with random bytes and hashed, so a campaign
/// can check after each injection that nothing touched them.
/// </summary>
internal sealed class ForeignSentinel : IAsyncDisposable
{
    private static readonly Size Length = Size.FromMiB(1);
    private readonly IDmBackend _backend;
    private readonly string _file;
    private readonly LoopDevice _loop;
    private readonly string _hash;

    private ForeignSentinel(IDmBackend backend, string file, LoopDevice loop, string name, string hash)
    {
        _backend = backend;
        _file = file;
        _loop = loop;
        Name = name;
        _hash = hash;
    }

    /// <summary>The foreign device-mapper device's name (no run's prefix).</summary>
    public string Name { get; }

    /// <summary>Creates the foreign loop device over a file outside any run directory, and a linear device over it.</summary>
    public static async Task<ForeignSentinel> CreateAsync(IDmBackend backend)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sts-foreign-{Guid.NewGuid():N}.img");
        await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes((int)Length.Bytes));
        var loop = await LoopDevice.AttachAsync(file);
        var name = $"stsforeign-{Guid.NewGuid():N}"[..24];
        await backend.CreateAsync(name, DmTable.OneLine(Length.ToSectors(), new LinearTarget(loop.DeviceNumber, Sectors.Zero)));
        var sentinel = new ForeignSentinel(backend, file, loop, name, "");
        return new ForeignSentinel(backend, file, loop, name, await sentinel.HashAsync());
    }

    /// <summary>What is wrong with the sentinel now, or null when both devices exist and its bytes are unchanged.</summary>
    public async Task<string?> CheckAsync()
    {
        if (await _backend.TryGetInfoAsync(Name) is null)
        {
            return $"the foreign device {Name} is gone";
        }

        var backing = $"/sys/block/{_loop.KernelName}/loop/backing_file";
        if (!File.Exists(backing) || File.ReadAllText(backing).TrimEnd('\n') != _file)
        {
            return $"the foreign loop device {_loop.Path} over {_file} is gone";
        }

        return await HashAsync() == _hash ? null : $"the bytes of the foreign device {Name} changed";
    }

    private async Task<string> HashAsync()
    {
        var info = await _backend.GetInfoAsync(Name);
        var bytes = await new BlockDevice($"/dev/{info.KernelName}").ReadDirectAsync(Size.Zero, (int)Length.Bytes);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    public async ValueTask DisposeAsync()
    {
        if (await _backend.TryGetInfoAsync(Name) is not null)
        {
            await _backend.RemoveAsync(Name, attempts: 5);
        }

        await _loop.DetachAsync();
        File.Delete(_file);
    }
}
