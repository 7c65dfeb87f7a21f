using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Backends;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Backends.Ioctl;
using Sts.Dm.Devices;
using Sts.Dm.Errors;
using Sts.Dm.Status;
using Sts.Dm.Tables;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Kernel.Backends;

/// <summary>
/// The library <see cref="DmDevice"/> on the real kernel, once per backend: opening any device
/// (by name, kernel name, uuid, major:minor, or listed), reading its info, tables, typed status
/// and dependencies, and the guard: a device the run did not create (made here through the
/// backend directly, with a name outside the run's prefix) is refused every change with
/// <see cref="UnsafeOperationException"/>, while the run's own device is changed.
/// </summary>
[TestFixture("ioctl")]
[TestFixture("dmsetup")]
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresTool("dmsetup")]
public sealed class DmDeviceLibraryTests(string backendName)
{
    private static readonly Sectors Length = Sectors.FromCount(2048);
    private readonly List<string> _created = [];
    private IDmBackend _dm = null!;
    private RunContext _run = null!;

    [SetUp]
    public void OpenBackend()
    {
        _dm = TestBackends.Open(backendName);
        _run = RunContext.Current;
    }

    [TearDown]
    public async Task RemoveWhatTheTestCreated()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        foreach (var name in Enumerable.Reverse(_created))
        {
            if (await _dm.TryGetInfoAsync(name, timeout.Token) is { } info)
            {
                if (info.Suspended)
                {
                    await _dm.ResumeAsync(name, timeout.Token);
                }

                await _dm.RemoveAsync(name, attempts: 10, cancellationToken: timeout.Token);
            }
        }

        _dm.Dispose();
    }

    [Test]
    public async Task GetAllAsync_lists_every_device_with_its_node_kernel_name_and_size()
    {
        var own = await CreateOwnedAsync();
        var foreign = await CreateForeignAsync();

        var all = await DmDevice.GetAllAsync(_dm, _run);

        foreach (var (name, info) in new[] { (own.Name, await _dm.GetInfoAsync(own.Name)), (foreign, await _dm.GetInfoAsync(foreign)) })
        {
            var listed = all.Should().ContainSingle(d => d.Name == name).Subject;
            listed.KernelName.Should().Be($"dm-{info.DeviceNumber.Minor}");
            listed.Path.Should().Be($"/dev/dm-{info.DeviceNumber.Minor}");
            listed.DeviceNumber.Should().Be(info.DeviceNumber);
            listed.SizeInSectors.Should().Be(Length, "sysfs reports the table's length");
            listed.Should().BeAssignableTo<BlockDevice>();
        }
    }

    [Test]
    public async Task A_device_opens_by_name_kernel_name_uuid_and_device_number_as_the_same_device()
    {
        var foreign = await CreateForeignAsync(uuid: $"STS-TEST-{Guid.NewGuid():N}");
        var info = await _dm.GetInfoAsync(foreign);

        var byName = await DmDevice.GetByNameAsync(foreign, _dm, _run);
        var byKernelName = await DmDevice.GetByKernelNameAsync(info.KernelName, _dm, _run);
        var byUuid = await DmDevice.GetByUuidAsync(info.Uuid!, _dm, _run);
        var byNumber = await DmDevice.GetByDeviceNumberAsync(info.DeviceNumber, _dm, _run);

        foreach (var device in new[] { byName, byKernelName, byUuid, byNumber })
        {
            device.Name.Should().Be(foreign);
            device.Uuid.Should().Be(info.Uuid);
            device.DeviceNumber.Should().Be(info.DeviceNumber);
            device.Table.Should().Be(DmTable.OneLine(Length, new ZeroTarget()), "the live table is read at open");
        }
    }

    [Test]
    public async Task A_missing_device_is_null_for_the_try_form_and_a_typed_error_otherwise()
    {
        var missing = $"stsmissing-{Guid.NewGuid():N}"[..24];

        (await DmDevice.TryGetByNameAsync(missing, _dm, _run)).Should().BeNull();
        await FluentActions.Awaiting(() => DmDevice.GetByNameAsync(missing, _dm, _run)).Should().ThrowAsync<DmDeviceNotFoundException>();
        await FluentActions.Awaiting(() => DmDevice.GetByUuidAsync($"STS-MISSING-{Guid.NewGuid():N}", _dm, _run))
            .Should().ThrowAsync<DmDeviceNotFoundException>();
    }

    [Test]
    public async Task Status_tables_dependencies_and_event_number_are_read_typed()
    {
        var zero = await CreateOwnedAsync();
        var linearTable = DmTable.OneLine(Length, new LinearTarget(zero.DeviceNumber, Sectors.Zero));
        var linear = await DmDevice.CreateAsync(Track(_run.NewName("lib-linear")), linearTable, backend: _dm, run: _run);

        (await linear.StatusAsync<EmptyStatus>()).TargetType.Should().Be("linear");
        (await linear.TableAsync()).Should().Be(linearTable);
        (await linear.TableAsync(inactive: true)).Should().BeNull();
        (await linear.DependenciesAsync()).Should().Equal(zero.DeviceNumber);
        (await zero.DependenciesAsync()).Should().BeEmpty();
        (await linear.EventNumberAsync()).Should().Be((await _dm.GetInfoAsync(linear.Name)).EventNumber);
        zero.Holders.Should().Contain(linear.KernelName);

        var errorTable = DmTable.OneLine(Length, new ErrorTarget());
        await linear.LoadAsync(errorTable);
        (await linear.TableAsync(inactive: true)).Should().Be(errorTable);
        (await linear.TableAsync()).Should().Be(linearTable, "a load fills the inactive slot only");
        await linear.ClearInactiveAsync();
        (await linear.TableAsync(inactive: true)).Should().BeNull();
    }

    [Test]
    public async Task Every_change_to_a_device_the_run_did_not_create_is_refused_and_nothing_happens()
    {
        var foreign = await CreateForeignAsync();
        var device = await DmDevice.GetByNameAsync(foreign, _dm, _run);
        var before = await _dm.GetInfoAsync(foreign);

        var changes = new (string What, Func<Task> Change)[]
        {
            ("suspend", async () => await device.SuspendAsync()),
            ("resume", async () => await device.ResumeAsync()),
            ("remove", async () => await device.RemoveAsync()),
            ("load", async () => await device.LoadAsync(DmTable.OneLine(Length, new ErrorTarget()))),
            ("reload", async () => await device.ReloadAsync(DmTable.OneLine(Length, new ErrorTarget()))),
            ("clear", async () => await device.ClearInactiveAsync()),
            ("message", async () => await device.MessageAsync("anything")),
            ("rename", async () => await device.RenameAsync(_run.NewName("stolen"))),
            ("set uuid", async () => await device.SetUuidAsync($"STS-{Guid.NewGuid():N}")),
            ("write", async () => await device.WriteAsync(Size.Zero, new byte[4096])),
            ("direct write", async () => await device.WriteDirectAsync(Size.Zero, new byte[4096])),
        };
        foreach (var (what, change) in changes)
        {
            (await FluentActions.Awaiting(change).Should().ThrowAsync<UnsafeOperationException>(what)).Which.Message
                .Should().Contain(foreign, $"the refusal of {what} names the device");
        }

        var after = await _dm.GetInfoAsync(foreign);
        (after with { OpenCount = before.OpenCount }).Should().Be(before, "nothing reached the kernel");
        (await _dm.GetTableAsync(foreign, inactive: true)).Should().BeNull();
    }

    [Test]
    public async Task The_runs_own_device_is_suspended_resumed_written_and_removed()
    {
        var own = await CreateOwnedAsync();

        (await own.SuspendAsync()).Suspended.Should().BeTrue();
        (await _dm.GetInfoAsync(own.Name)).Suspended.Should().BeTrue();
        (await own.ResumeAsync()).Suspended.Should().BeFalse();
        await own.WriteAsync(Size.Zero, new byte[4096]);
        await own.RemoveAsync();

        own.IsRemoved.Should().BeTrue();
        (await _dm.TryGetInfoAsync(own.Name)).Should().BeNull();
        await FluentActions.Awaiting(() => own.SuspendAsync()).Should().ThrowAsync<DmDeviceNotFoundException>("the device is gone");
    }

    [Test]
    public async Task Creating_a_device_outside_the_runs_prefix_is_refused_and_nothing_is_created()
    {
        var name = $"stsforeign-{Guid.NewGuid():N}"[..24];

        await FluentActions.Awaiting(() => DmDevice.CreateAsync(Track(name), DmTable.OneLine(Length, new ZeroTarget()), backend: _dm, run: _run))
            .Should().ThrowAsync<UnsafeOperationException>();
        (await _dm.TryGetInfoAsync(name)).Should().BeNull();
    }

    [Test]
    public async Task Disposing_removes_a_device_this_object_created_and_never_one_it_only_opened()
    {
        var foreign = await CreateForeignAsync();
        var own = await CreateOwnedAsync();

        await using (var opened = await DmDevice.GetByNameAsync(foreign, _dm, _run))
        {
            opened.IsCreatedHere.Should().BeFalse();
        }

        await using (await DmDevice.GetByNameAsync(own.Name, _dm, _run))
        {
        }

        (await _dm.TryGetInfoAsync(foreign)).Should().NotBeNull("disposing a device opened by name never removes it, a foreign one least of all");
        (await _dm.TryGetInfoAsync(own.Name)).Should().NotBeNull("nor the run's own device opened by name: only the object that created it ends it");

        await own.DisposeAsync();
        await own.DisposeAsync();

        own.IsRemoved.Should().BeTrue();
        (await _dm.TryGetInfoAsync(own.Name)).Should().BeNull("disposing the object that created the device removed it, once");
    }

    [Test]
    public async Task A_status_wait_that_times_out_says_which_status_it_saw_last()
    {
        var own = await CreateOwnedAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var wait = () => own.WaitForStatusAsync<EmptyStatus>(_ => false, TimeSpan.FromSeconds(1));

        var timedOut = (await wait.Should().ThrowExactlyAsync<DmStatusTimeoutException>()).Which;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the event wait ends with the timeout (the dmsetup wait process is stopped)");
        timedOut.Device.Should().Be(own.Name);
        timedOut.LastStatus.Should().BeOfType<EmptyStatus>().Which.TargetType.Should().Be("zero");
        timedOut.Message.Should().Contain("last status seen").And.Contain(nameof(EmptyStatus));
    }

    private async Task<DmDevice> CreateOwnedAsync() =>
        await DmDevice.CreateAsync(Track(_run.NewName("lib")), DmTable.OneLine(Length, new ZeroTarget()), backend: _dm, run: _run);

    private async Task<string> CreateForeignAsync(string? uuid = null)
    {
        var name = Track($"stsforeign-{Guid.NewGuid():N}"[..24]);
        await _dm.CreateAsync(name, DmTable.OneLine(Length, new ZeroTarget()), uuid);
        return name;
    }

    private string Track(string name)
    {
        _created.Add(name);
        return name;
    }
}
