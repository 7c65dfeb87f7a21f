using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Fixtures;

/// <summary>
/// Validate before side effects (issue: ThinPool attached its loop devices before validating the
/// block size; SnapshotStack checked the chunk size after building and suspending the origin).
/// Every fixture checks all of its options, with the kernel's documented limits in the typed
/// model, before it attaches, creates, suspends or writes anything: a refused option leaves
/// nothing behind, not even until teardown.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class ValidateFirstTests
{
    private static IEnumerable<TestCaseData> RefusedOptions()
    {
        yield return Case("thin-pool block size not a multiple of 64 KiB", s => s.ThinPoolAsync(new ThinPoolOptions { BlockSize = Sectors.FromCount(100) }));
        yield return Case("thin-pool block size above 1 GiB", s => s.ThinPoolAsync(new ThinPoolOptions { BlockSize = Sectors.FromCount(2097152 + 128) }));
        yield return Case("thin-pool data smaller than one block", s => s.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromKiB(32) }));
        yield return Case("thin-pool empty metadata", s => s.ThinPoolAsync(new ThinPoolOptions { MetadataSize = Size.Zero }), typeof(InvalidSizeException));
        yield return Case("cache block size below 32 KiB", s => s.CacheAsync(new CacheOptions { BlockSize = Sectors.FromCount(32) }));
        yield return Case("cache unaligned origin size", s => s.CacheAsync(new CacheOptions { OriginSize = Size.FromBytes(1000) }), typeof(InvalidSizeException));
        yield return Case("cache kept metadata without a device", s => s.CacheAsync(new CacheOptions { KeepMetadata = true }), typeof(ArgumentException));
        yield return Case("era block size zero", s => s.EraAsync(new EraOptions { BlockSize = Sectors.Zero }));
        yield return Case("snapshot chunk size not a power of two", s => s.SnapshotAsync(new SnapshotOptions { ChunkSize = Sectors.FromCount(24) }));
        yield return Case("snapshot chunk size above the kernel's limit", s => s.SnapshotAsync(new SnapshotOptions { ChunkSize = Sectors.FromCount(1L << 22) }));
        yield return Case("snapshot chunk as large as the COW device", s => s.SnapshotAsync(new SnapshotOptions { CowSize = Size.FromMiB(1), ChunkSize = Sectors.FromCount(2048) }));
    }

    [TestCaseSource(nameof(RefusedOptions))]
    public async Task A_refused_option_leaves_nothing_behind(string option, Func<DeviceStack, Task> build, Type expected)
    {
        TestContext.Out.WriteLine($"refused option: {option}");
        var run = RunContext.Current;
        var loopsBefore = await RunLoopsAsync(run);
        var filesBefore = RunFiles(run);
        await using var stack = new DeviceStack();

        var refused = (await build.Invoking(b => b(stack)).Should().ThrowAsync<Exception>()).Which;

        refused.Should().BeOfType(expected, "the option is refused with its typed error: {0}", refused.Message);
        stack.LoopDevices.Should().BeEmpty("no loop device was attached");
        stack.Devices.Should().BeEmpty("no device-mapper device was created");
        (await RunLoopsAsync(run)).Should().BeEquivalentTo(loopsBefore, "the kernel has no new loop device of this run");
        RunFiles(run).Should().BeEquivalentTo(filesBefore, "no backing file was created");
    }

    [Test]
    public void The_snapshot_chunk_limit_in_the_model_is_the_kernels()
    {
        // dm_exception_store_set_chunk_size refuses chunk_size > INT_MAX >> SECTOR_SHIFT; with the
        // power-of-two rule the largest accepted chunk is 2^21 sectors.
        SnapshotTargetBase.MaxChunkSize.Count.Should().BeLessThanOrEqualTo(int.MaxValue >> 9);
        (SnapshotTargetBase.MaxChunkSize.Count * 2).Should().BeGreaterThan(int.MaxValue >> 9);
        var atLimit = () => new SnapshotTarget(OptionsCheckDevice, OptionsCheckDevice, SnapshotPersistence.Persistent, SnapshotTargetBase.MaxChunkSize);
        atLimit.Should().NotThrow();
    }

    private static readonly DeviceReference OptionsCheckDevice = DeviceReference.FromNumber(new DeviceNumber(7, 0));

    private static TestCaseData Case(string name, Func<DeviceStack, Task> build, Type? expected = null) =>
        new TestCaseData(name, build, expected ?? typeof(DmValidationException)).SetArgDisplayNames(name);

    private static async Task<List<string>> RunLoopsAsync(RunContext run) =>
        (await LoopDevice.ListAsync()).Where(l => l.BackingFile.StartsWith(run.WorkDirectory, StringComparison.Ordinal)).Select(l => l.Path).ToList();

    private static List<string> RunFiles(RunContext run) =>
        Directory.Exists(run.WorkDirectory) ? [.. Directory.EnumerateFiles(run.WorkDirectory, "*", SearchOption.AllDirectories)] : [];
}
