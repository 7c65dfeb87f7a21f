using System.Diagnostics;
using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm.Tables;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Fixtures;

/// <summary>
/// The fixture library's own guarantees, on the real kernel: whatever happens in a test, a
/// stack leaves nothing behind.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("thin_check")]
public sealed class DeviceStackTests
{
    [Test]
    public async Task A_test_that_throws_mid_stack_still_leaves_nothing_behind()
    {
        var created = new List<string>();
        var loops = new List<LoopDevice>();
        var act = async () =>
        {
            await using var stack = new DeviceStack();
            var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(64), MetadataSize = Size.FromMiB(4) });
            var thin = await pool.CreateThinAsync(Size.FromMiB(32));
            await thin.WriteAsync(Size.Zero, RandomNumberGenerator.GetBytes(4096));
            var linear = await stack.LinearAsync(stack.Admit(thin.Active));
            created.AddRange(stack.Devices.Select(d => d.Name));
            loops.AddRange(stack.LoopDevices);
            throw new InvalidOperationException("the test failed half-way");
        };

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("the test failed half-way");
        created.Should().HaveCount(3, "pool, thin and linear were created");
        await ShouldBeGone(created, loops);
    }

    [Test]
    public async Task A_failing_teardown_step_is_reported_and_every_other_step_still_runs()
    {
        var created = new List<string>();
        var loops = new List<LoopDevice>();
        var act = async () =>
        {
            await using var stack = new DeviceStack();
            var loop = await stack.LoopAsync(Size.FromMiB(8));
            var first = await stack.LinearAsync(stack.Admit(loop));
            stack.Defer("a step that fails", _ => throw new IOException("teardown step failed on purpose"));
            var second = await stack.LinearAsync(stack.Admit(first));
            created.AddRange([first.Name, second.Name]);
            loops.Add(loop);
        };

        var thrown = await act.Should().ThrowAsync<StackTeardownException>();
        thrown.Which.Failures.Should().ContainSingle().Which.Step.Should().Be("a step that fails");
        thrown.Which.Message.Should().Contain("teardown step failed on purpose");
        await ShouldBeGone(created, loops);
    }

    [Test]
    public async Task A_device_left_suspended_with_io_held_is_resumed_and_removed()
    {
        var created = new List<string>();
        var loops = new List<LoopDevice>();
        Task held;
        await using (var stack = new DeviceStack())
        {
            var loop = await stack.LoopAsync(Size.FromMiB(8));
            var linear = await stack.LinearAsync(stack.Admit(loop));
            created.Add(linear.Name);
            loops.Add(loop);
            (await linear.SuspendAsync()).Suspended.Should().BeTrue();
            held = Task.Run(() => linear.WriteAsync(Size.FromKiB(64), new byte[4096]));
            (await Task.WhenAny(held, Task.Delay(500))).Should().NotBe(held, "I/O to a suspended device waits for resume");
        }

        (await Task.WhenAny(held, Task.Delay(TimeSpan.FromSeconds(60)))).Should().Be(held, "teardown resumed the device, so the held write completed");
        await held;
        await ShouldBeGone(created, loops);
    }

    [Test]
    public async Task Removal_retries_while_another_opener_briefly_holds_the_device()
    {
        var created = new List<string>();
        await using (var stack = new DeviceStack())
        {
            var loop = await stack.LoopAsync(Size.FromMiB(8));
            var linear = await stack.LinearAsync(stack.Admit(loop));
            created.Add(linear.Name);
            var opener = new FileStream(linear.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            (await linear.InfoAsync()).OpenCount.Should().BeGreaterThan(0);
            _ = Task.Delay(TimeSpan.FromMilliseconds(700)).ContinueWith(_ => opener.Dispose(), TaskScheduler.Default);
        }

        await ShouldBeGone(created, []);
    }

    [Test]
    public async Task Stacks_built_in_parallel_never_collide_and_all_clean_up()
    {
        var names = new System.Collections.Concurrent.ConcurrentBag<string>();
        var loops = new System.Collections.Concurrent.ConcurrentBag<LoopDevice>();
        var stacks = Enumerable.Range(0, 4).Select(_ => new DeviceStack()).ToList();
        try
        {
            // Every stack stays up until all are built: devices alive at the same time must differ
            // (a loop number freed by a torn-down stack may rightly be reused by another).
            await Task.WhenAll(stacks.Select((stack, i) => Task.Run(async () =>
            {
                var loop = await stack.LoopAsync(Size.FromMiB(4));
                var linear = await stack.LinearAsync(stack.Admit(loop));
                var pattern = RandomNumberGenerator.GetBytes(8192);
                await linear.WriteAsync(Size.FromKiB(128), pattern);
                loop.FlushBuffers();
                (await loop.ReadAsync(Size.FromKiB(128), pattern.Length)).Should().Equal(pattern, $"stack {i} reads its own data");
                names.Add(linear.Name);
                loops.Add(loop);
            })));

            names.Should().OnlyHaveUniqueItems().And.HaveCount(4);
            loops.Select(l => l.Path).Should().OnlyHaveUniqueItems();
            loops.Select(l => l.BackingFile).Should().OnlyHaveUniqueItems();
        }
        finally
        {
            await Task.WhenAll(stacks.Select(s => s.DisposeAsync().AsTask()));
        }

        await ShouldBeGone(names, loops);
    }

    [Test]
    public async Task Pool_teardown_checks_the_metadata_with_thin_check_and_reports_damage()
    {
        ThinPool? kept = null;
        var act = async () =>
        {
            await using var stack = new DeviceStack();
            var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(64), MetadataSize = Size.FromMiB(4) });
            var thin = await pool.CreateThinAsync(Size.FromMiB(16));
            await thin.WriteAsync(Size.Zero, RandomNumberGenerator.GetBytes(65536));
            await pool.StatusAsync(); // commits the metadata: nothing is dirty when the pool is removed
            kept = pool;
            // Damage the metadata's btree blocks (not the superblock) behind the kernel's back.
            var garbage = RandomNumberGenerator.GetBytes(4096 * 15);
            await pool.Metadata.WriteAsync(Size.FromKiB(4), garbage);
        };

        var thrown = await act.Should().ThrowAsync<StackTeardownException>("the damaged metadata fails thin_check at teardown");
        thrown.Which.Failures.Should().ContainSingle().Which.Step.Should().StartWith("thin_check ");
        thrown.Which.Failures[0].Error.Should().BeOfType<MetadataCheckFailedException>();
        kept!.Device.IsRemoved.Should().BeTrue("the pool was removed before its metadata was checked");
    }

    [Test]
    public async Task Statuses_and_tables_read_back_through_the_stack_devices()
    {
        await using var stack = new DeviceStack();
        var loop = await stack.LoopAsync(Size.FromMiB(8));
        var linear = await stack.LinearAsync(stack.Admit(loop), Sectors.FromCount(2048), Sectors.FromCount(4096));
        (await linear.TableAsync()).Should().Be(DmTable.OneLine(Sectors.FromCount(4096), new LinearTarget(loop.DeviceNumber, Sectors.FromCount(2048))));
        linear.SizeInSectors.Should().Be(Sectors.FromCount(4096));
        linear.Uuid.Should().Be(linear.Name, "uuids carry the run's prefix too");
        RunContext.Current.Owns(linear.Name).Should().BeTrue();
    }

    [Test]
    [RequiresDmpdTool("cache_check")]
    public async Task Teardown_removes_thins_before_their_pool_checks_metadata_after_the_pool_and_a_cache_before_its_origin()
    {
        var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) });
        var thin = await pool.CreateThinAsync(Size.FromMiB(8));
        var snapshot = await pool.CreateSnapshotAsync(thin);
        var cache = await stack.CacheAsync(new CacheOptions { OriginSize = Size.FromMiB(16), CacheSize = Size.FromMiB(4), MetadataSize = Size.FromMiB(4) });
        var order = stack.PendingTeardown.ToList();
        int At(string step) => order.IndexOf(step) is >= 0 and var i ? i : throw new AssertionException($"no step \"{step}\" in: {string.Join(" | ", order)}");

        At($"remove {snapshot.Active.Name}").Should().BeLessThan(At($"remove {pool.Device.Name}"), "a snapshot holds its pool open");
        At($"remove {thin.Active.Name}").Should().BeLessThan(At($"remove {pool.Device.Name}"), "a thin holds its pool open");
        At($"remove {pool.Device.Name}").Should().BeLessThan(At($"thin_check {pool.Metadata.Path}"), "thin_check needs the pool closed");
        At($"thin_check {pool.Metadata.Path}").Should().BeLessThan(order.FindIndex(s => s.StartsWith($"detach {pool.Metadata.Path} ", StringComparison.Ordinal)), "the check reads the metadata device");
        At($"remove {cache.Device.Name}").Should().BeLessThan(order.FindIndex(s => s.StartsWith($"detach {cache.Origin.Path} ", StringComparison.Ordinal)), "a cache holds its origin");
        At($"remove {cache.Device.Name}").Should().BeLessThan(At($"cache_check {cache.Metadata.Path}"));

        var teardown = () => stack.DisposeAsync().AsTask();

        await teardown.Should().NotThrowAsync("in this order every removal finds its device unused, and both checks pass");
        stack.PendingTeardown.Should().BeEmpty();
    }

    private static async Task ShouldBeGone(IEnumerable<string> names, IEnumerable<LoopDevice> loops)
    {
        var present = (await StackBackend.Shared.ListAsync()).Select(d => d.Name).ToHashSet();
        names.Where(present.Contains).Should().BeEmpty("every device the stack created was removed");
        var attached = (await LoopDevice.ListAsync()).Select(l => l.BackingFile).ToHashSet();
        foreach (var loop in loops)
        {
            loop.IsAttached.Should().BeFalse($"{loop.Path} was detached");
            attached.Should().NotContain(loop.BackingFile);
            File.Exists(loop.BackingFile).Should().BeFalse("the backing file was deleted");
        }
    }
}
