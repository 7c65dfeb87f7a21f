using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Host;
using Sts.Core.Units;
using Sts.Dm.Errors;
using Sts.Dm.Tables;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.BasicTargets;

/// <summary>
/// Catalog scenarios 7, 8 and 9: suspend and resume with held I/O and table swaps, names and
/// uuids, and removal of an open device.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class DeviceLifecycleScenarios
{
    // How long held I/O must stay held to count as held. Long enough that a write that was not
    // held (fsync of one page through a loop device) would have finished on the slow VM.
    private static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(1);

    [Test]
    [Scenario(7)]
    public async Task A_write_issued_while_the_device_is_suspended_is_held_and_completes_after_resume()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var loop = await stack.LoopAsync(Size.FromMiB(8), cancellationToken: ct);
        var linear = await stack.LinearAsync(stack.Admit(loop), cancellationToken: ct);
        var data = Pattern(4096);

        (await linear.SuspendAsync(cancellationToken: ct)).Suspended.Should().BeTrue();
        var write = Task.Run(() => linear.WriteAsync(Size.FromMiB(1), data, ct), ct); // the fsync's bio waits in device-mapper

        (await Task.WhenAny(write, Task.Delay(HeldFor, ct))).Should().NotBeSameAs(write, "I/O to a suspended device is held");
        (await linear.InfoAsync(ct)).Suspended.Should().BeTrue();

        (await linear.ResumeAsync(ct)).Suspended.Should().BeFalse();
        await write.WaitAsync(ct);

        loop.FlushBuffers();
        (await loop.ReadAsync(Size.FromMiB(1), data.Length, ct)).Should().Equal(data, "the held write landed after resume");
    }

    [Test]
    [Scenario(7)]
    public async Task A_table_loaded_during_a_noflush_suspend_is_inactive_until_resume_swaps_it_in_and_held_io_follows_the_new_table()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var first = await stack.LoopAsync(Size.FromMiB(8), cancellationToken: ct);
        var second = await stack.LoopAsync(Size.FromMiB(8), cancellationToken: ct);
        var linear = await stack.LinearAsync(stack.Admit(first), cancellationToken: ct);
        var oldTable = linear.Table;
        var newTable = DmTable.OneLine(second.SizeInSectors, new LinearTarget(second.DeviceNumber, Sectors.Zero));
        var data = Pattern(4096);

        var live = await linear.InfoAsync(ct);
        live.LiveTablePresent.Should().BeTrue();
        live.InactiveTablePresent.Should().BeFalse();

        (await linear.SuspendAsync(noFlush: true, cancellationToken: ct)).Suspended.Should().BeTrue();
        var loaded = await linear.LoadAsync(newTable, ct);

        loaded.LiveTablePresent.Should().BeTrue();
        loaded.InactiveTablePresent.Should().BeTrue("a loaded table waits in the inactive slot");
        (await linear.TableAsync(inactive: true, ct)).Should().Be(newTable);
        (await linear.TableAsync(cancellationToken: ct)).Should().Be(oldTable, "the live table is unchanged until resume");

        var write = Task.Run(() => linear.WriteAsync(Size.FromMiB(1), data, ct), ct);
        (await Task.WhenAny(write, Task.Delay(HeldFor, ct))).Should().NotBeSameAs(write, "I/O to a suspended device is held");

        var resumed = await linear.ResumeAsync(ct);
        await write.WaitAsync(ct);

        resumed.Suspended.Should().BeFalse();
        resumed.InactiveTablePresent.Should().BeFalse("resume made the inactive table live");
        (await linear.TableAsync(cancellationToken: ct)).Should().Be(newTable);
        second.FlushBuffers();
        first.FlushBuffers();
        (await second.ReadAsync(Size.FromMiB(1), data.Length, ct)).Should().Equal(data, "the held write was mapped by the table live at resume");
        (await first.ReadAsync(Size.FromMiB(1), data.Length, ct)).Should().OnlyContain(b => b == 0, "the old table saw no write");
    }

    [Test]
    [Scenario(8)]
    public async Task A_rename_keeps_the_device_a_uuid_is_set_once_and_taken_names_and_uuids_are_refused()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var zero = DmTable.OneLine(Sectors.FromCount(2048), new ZeroTarget());
        var device = await stack.CreateWithoutUuidAsync("named", zero, ct);
        var other = await stack.CreateWithoutUuidAsync("named", zero, ct);
        var oldName = device.Name;
        var newName = stack.Run.NewName("renamed");
        var uuid = $"{stack.Run.Prefix}uuid-{Guid.NewGuid():N}";

        var renamed = await device.RenameAsync(newName, ct);

        renamed.Name.Should().Be(newName);
        renamed.DeviceNumber.Should().Be(device.DeviceNumber, "a rename changes the name, not the device");
        (await stack.Backend.TryGetInfoAsync(oldName, ct)).Should().BeNull("the old name is free");

        (await device.SetUuidAsync(uuid, ct)).Uuid.Should().Be(uuid);
        (await device.InfoAsync(ct)).Uuid.Should().Be(uuid);
        (await FluentActions.Awaiting(() => device.SetUuidAsync(uuid + "-again", ct)).Should().ThrowAsync<DmInvalidArgumentException>(
            "a uuid is immutable once set")).Which.Errno.Should().Be(Errno.EINVAL);

        (await FluentActions.Awaiting(() => other.RenameAsync(newName, ct)).Should().ThrowAsync<DmDeviceExistsException>(
            "two devices cannot share a name")).Which.Errno.Should().Be(Errno.EBUSY);
        (await FluentActions.Awaiting(() => other.SetUuidAsync(uuid, ct)).Should().ThrowAsync<DmDeviceExistsException>(
            "two devices cannot share a uuid")).Which.Errno.Should().Be(Errno.EBUSY);
        var untouched = await other.InfoAsync(ct);
        untouched.Uuid.Should().BeNullOrEmpty("the refused uuid was not set");
        (await device.InfoAsync(ct)).Uuid.Should().Be(uuid);
    }

    [Test]
    [Scenario(9)]
    public async Task An_open_device_refuses_removal_with_EBUSY_and_a_deferred_remove_happens_at_last_close()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var zero = await stack.ZeroAsync(Size.FromMiB(8), ct);
        await Udev.SettleAsync(cancellationToken: ct); // udev's own probe of the new device has closed it again
        using var deleted = new NodeDeletion(zero.KernelName);
        var handle = File.OpenHandle(zero.Path, FileMode.Open, FileAccess.Read);
        try
        {
            (await zero.InfoAsync(ct)).OpenCount.Should().Be(1, "the test holds the only open handle");

            // One attempt: the fixture's RemoveAsync retries for seconds on EBUSY (udev), the kernel's first answer is what counts here.
            (await FluentActions.Awaiting(() => stack.Backend.RemoveAsync(zero.Name, attempts: 1, cancellationToken: ct))
                .Should().ThrowAsync<DmDeviceBusyException>("the device is open")).Which.Errno.Should().Be(Errno.EBUSY);

            await zero.RemoveAsync(deferred: true, ct);

            var pending = await stack.Backend.GetInfoAsync(zero.Name, ct);
            pending.DeferredRemove.Should().BeTrue("the remove is deferred, not done, while the device is open");
            pending.LiveTablePresent.Should().BeTrue();
        }
        finally
        {
            handle.Dispose(); // the last close: the kernel queues the deferred removal
        }

        await deleted.Task.WaitAsync(ct);

        (await stack.Backend.TryGetInfoAsync(zero.Name, ct)).Should().BeNull("the device was removed after its last close");
    }

    /// <summary>
    /// Completes when devtmpfs deletes /dev/&lt;kernel name&gt;, which the kernel does while it
    /// destroys the device (inotify on /dev: an event, not a poll).
    /// </summary>
    private sealed class NodeDeletion : IDisposable
    {
        private readonly FileSystemWatcher _watcher;
        private readonly TaskCompletionSource _deleted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public NodeDeletion(string kernelName)
        {
            _watcher = new FileSystemWatcher("/dev", kernelName) { NotifyFilter = NotifyFilters.FileName, IncludeSubdirectories = false };
            _watcher.Deleted += (_, _) => _deleted.TrySetResult();
            _watcher.Error += (_, e) => _deleted.TrySetException(e.GetException());
            _watcher.EnableRaisingEvents = true;
        }

        public Task Task => _deleted.Task;

        public void Dispose() => _watcher.Dispose();
    }
}
