using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm.Backends.Ioctl;
using Sts.Dm.Devices;
using Sts.Dm.Errors;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Kernel;

/// <summary>
/// The native ioctl layer against the real kernel, every answer cross-checked with dmsetup
/// (libdevmapper), the reference implementation of the same ABI.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresTool("dmsetup")]
public sealed class DmControlTests
{
    // Names a shell would split, expand or execute, and non-ASCII: each must be data end to end.
    private static readonly string[] HostileNameParts = ["a b", "it's", "semi;colon", "$(touch x)", "`id`", @"back\slash", "soufflé", "日本"];

    private DmControl _dm = null!;
    private readonly List<string> _created = [];

    [SetUp]
    public void OpenControl() => _dm = DmControl.Open();

    [TearDown]
    public void RemoveLeftovers()
    {
        if (_dm is null)
        {
            return;
        }

        foreach (var name in _created)
        {
            _dm.TryRemove(name);
        }

        _dm.Dispose();
    }

    [Test]
    public async Task The_driver_version_is_the_one_dmsetup_reports()
    {
        var version = _dm.GetDriverVersion();

        var dmsetup = await DmsetupCli.Run("version");
        dmsetup.Should().Contain($"Driver version:    {version.Major}.{version.Minor}.{version.Build}");
        version.Major.Should().Be(4);
    }

    [Test]
    public async Task A_device_created_natively_is_seen_by_dmsetup_with_the_same_table_status_and_info()
    {
        var name = NewName("zero");
        var uuid = $"{RunContext.Current.Prefix}uuid-{Guid.NewGuid():N}";

        var info = _dm.CreateAndLoad(name, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(2048), "zero", "")], uuid);

        info.Name.Should().Be(name);
        info.Uuid.Should().Be(uuid);
        info.LiveTablePresent.Should().BeTrue();
        info.Suspended.Should().BeFalse();
        (await DmsetupCli.Run("info", "-c", "--noheadings", "--separator", "|", "-o", "name,uuid,major,minor,attr", name)).Trim()
            .Should().Be($"{name}|{uuid}|{info.DeviceNumber.Major}|{info.DeviceNumber.Minor}|L--w");
        // dmsetup prints a space after the target type even when the parameters are empty.
        _dm.GetTable(name).Select(line => line.ToString()).Should().Equal(Lines(await DmsetupCli.Run("table", name)));
        _dm.GetStatus(name).Select(line => line.ToString()).Should().Equal(Lines(await DmsetupCli.Run("status", name)));
        new BlockDevice($"/dev/{info.KernelName}").SizeInSectors.Should().Be(Sectors.FromCount(2048));

        _dm.Remove(name);
        (await DmsetupCli.ExitCode("info", name)).Should().NotBe(0);
    }

    [Test]
    public async Task Names_with_shell_metacharacters_and_non_ascii_cross_between_the_native_layer_and_dmsetup()
    {
        foreach (var part in HostileNameParts)
        {
            var nativeName = Track(NewName("n") + part);
            _dm.CreateAndLoad(nativeName, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "")]);
            (await DmsetupCli.Run("info", "-c", "--noheadings", "-o", "name", nativeName)).Trim().Should().Be(nativeName,
                $"dmsetup finds the device the native layer created as \"{nativeName}\"");
            (await DmsetupCli.Run("remove", nativeName)).Should().BeEmpty();
            _dm.TryGetInfo(nativeName).Should().BeNull();

            var toolName = Track(NewName("d") + part);
            await DmsetupCli.Run("create", toolName, "--table", "0 8 zero");
            _dm.GetInfo(toolName).Name.Should().Be(toolName, $"the native layer finds the device dmsetup created as \"{toolName}\"");
            _dm.ListDevices().Should().Contain(d => d.Name == toolName);
            _dm.Remove(toolName);
            (await DmsetupCli.ExitCode("info", toolName)).Should().NotBe(0);
        }
    }

    [Test]
    public async Task A_127_byte_name_works_and_a_128_byte_name_is_refused_by_both()
    {
        var prefix = NewName("long");
        var longest = Track(prefix + new string('x', 127 - prefix.Length));
        var tooLong = longest + "x";

        _dm.CreateAndLoad(longest, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "")]);
        (await DmsetupCli.Run("info", "-c", "--noheadings", "-o", "name", longest)).Trim().Should().Be(longest);
        _dm.Remove(longest);

        FluentActions.Invoking(() => _dm.Create(tooLong)).Should().Throw<DmNameException>();
        (await DmsetupCli.ExitCode("create", tooLong, "--table", "0 8 zero")).Should().NotBe(0);
        _dm.TryGetInfo(longest).Should().BeNull();
    }

    [Test]
    public void Kernel_refusals_surface_as_typed_errors_and_leave_nothing_behind()
    {
        var name = NewName("dup");
        _dm.CreateAndLoad(name, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "")]);

        // The kernel answers a taken name with EBUSY (dm_hash_insert); the type says what it means.
        FluentActions.Invoking(() => _dm.Create(name)).Should().Throw<DmDeviceExistsException>()
            .Which.Errno.Should().Be(Errno.EBUSY);
        FluentActions.Invoking(() => _dm.GetInfo(NewName("missing"))).Should().Throw<DmDeviceNotFoundException>()
            .Which.Errno.Should().Be(Errno.ENXIO);

        var bad = NewName("bad");
        FluentActions.Invoking(() => _dm.CreateAndLoad(bad, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "unexpected-argument")]))
            .Should().Throw<DmInvalidArgumentException>().WithMessage("*0 8 zero unexpected-argument*");
        _dm.TryGetInfo(bad).Should().BeNull("a failed create-and-load removes the half-made device");
    }

    [Test]
    public void An_open_device_cannot_be_removed_but_a_deferred_remove_happens_at_last_close()
    {
        var name = NewName("open");
        var info = _dm.CreateAndLoad(name, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "")]);

        using (File.OpenHandle($"/dev/{info.KernelName}", FileMode.Open, FileAccess.Read))
        {
            _dm.GetInfo(name).OpenCount.Should().Be(1);
            FluentActions.Invoking(() => _dm.Remove(name)).Should().Throw<DmDeviceBusyException>().Which.Errno.Should().Be(Errno.EBUSY);
            _dm.Remove(name, deferred: true);
            _dm.GetInfo(name).DeferredRemove.Should().BeTrue();
        }

        // The kernel removes the device from a workqueue queued by the last close
        // (dm_blk_close → deferred_remove_work): it goes away shortly after, not during, close.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_dm.TryGetInfo(name) is not null && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        _dm.TryGetInfo(name).Should().BeNull("the deferred remove happened after the last close");
    }

    [Test]
    public void An_inactive_table_is_reported_and_swapped_in_on_resume()
    {
        var name = NewName("reload");
        _dm.CreateAndLoad(name, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "")]);

        _dm.LoadTable(name, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(16), "error", "")]);
        _dm.GetInfo(name).InactiveTablePresent.Should().BeTrue();
        _dm.GetTable(name, inactive: true).Should().ContainSingle().Which.TargetType.Should().Be("error");
        _dm.GetTable(name).Should().ContainSingle().Which.TargetType.Should().Be("zero");

        _dm.Suspend(name).Suspended.Should().BeTrue();
        var resumed = _dm.Resume(name);

        resumed.Suspended.Should().BeFalse();
        resumed.InactiveTablePresent.Should().BeFalse();
        _dm.GetTable(name).Should().Equal(new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(16), "error", ""));
    }

    [Test]
    public async Task Rename_and_set_uuid_work_once_and_a_uuid_cannot_change()
    {
        var name = NewName("ren");
        var renamed = Track(NewName("renamed") + " x");
        var uuid = $"{RunContext.Current.Prefix}u-{Guid.NewGuid():N}";
        _dm.CreateAndLoad(name, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "")]);

        _dm.Rename(name, renamed).Name.Should().Be(renamed);
        _dm.SetUuid(renamed, uuid).Uuid.Should().Be(uuid);
        FluentActions.Invoking(() => _dm.SetUuid(renamed, uuid + "-other")).Should().Throw<DmInvalidArgumentException>();

        (await DmsetupCli.Run("info", "-c", "--noheadings", "-o", "uuid", renamed)).Trim().Should().Be(uuid);
        _dm.ListDevices().Should().ContainSingle(d => d.Name == renamed).Which.Uuid.Should().Be(uuid);
    }

    [Test]
    public async Task Target_versions_match_dmsetup_targets()
    {
        var native = _dm.ListTargetVersions();

        var lines = (await DmsetupCli.Run("targets")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        native.Select(t => $"{t.Name} v{t.Version}").Should().BeEquivalentTo(
            lines.Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        _dm.GetTargetVersion("linear").Should().NotBeNull().And.Be(native.Single(t => t.Name == "linear"));
        _dm.GetTargetVersion("sts-no-such-target").Should().BeNull();
    }

    [Test]
    public async Task Dependencies_of_a_linear_device_are_its_loop_device()
    {
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(4));
        var name = NewName("deps");
        _dm.CreateAndLoad(name, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(4096), "linear", $"{loop.DeviceNumber} 0")]);

        _dm.GetDependencies(name).Should().Equal(loop.DeviceNumber);
        _dm.Remove(name);
    }

    [Test]
    public void A_message_to_a_target_that_takes_none_fails_cleanly()
    {
        var name = NewName("msg");
        _dm.CreateAndLoad(name, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "")]);

        var refused = FluentActions.Invoking(() => _dm.SendMessage(name, "hello")).Should().Throw<DmMessageRefusedException>().Which;
        refused.Errno.Should().Be(Errno.EINVAL);
        refused.TargetMessage.Should().Be("hello");
        _dm.GetInfo(name).LiveTablePresent.Should().BeTrue("the device is unharmed");
    }

    [Test]
    public async Task Waiting_for_an_event_is_cancellable_and_returns_at_once_when_the_event_already_happened()
    {
        var name = NewName("wait");
        var info = _dm.CreateAndLoad(name, [new DmTargetSpec(Sectors.FromCount(0), Sectors.FromCount(8), "zero", "")]);

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await FluentActions.Awaiting(() => _dm.WaitForEventAsync(name, info.EventNumber, cancellation.Token))
            .Should().ThrowAsync<OperationCanceledException>();
        (await _dm.WaitForEventAsync(name, info.EventNumber + 1)).EventNumber.Should().Be(info.EventNumber);
    }

    private string NewName(string purpose) => Track(RunContext.Current.NewName(purpose));

    private string Track(string name)
    {
        _created.Add(name);
        return name;
    }

    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd(' ')).ToArray();


}
