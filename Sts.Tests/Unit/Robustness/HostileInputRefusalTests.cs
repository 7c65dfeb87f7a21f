using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Host;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Backends;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Backends.Ioctl;
using Sts.Dm.Devices;
using Sts.Dm.Errors;
using Sts.Dm.Messages;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Tests.Unit.Robustness;

/// <summary>
/// Regression tests of the findings of the hostile-input corpus (Kernel/Hostile, issue 13 item
/// 3) that are decided before any kernel: each refusal happens in one place both backends use, so
/// it is shown here without device-mapper. A dmsetup that does not exist stands for the backend:
/// had a call got past the check, it would fail to start dmsetup (DmOperationException, errno
/// none) instead of throwing the refusal asserted.
/// </summary>
[NonParallelizable]
public sealed class HostileInputRefusalTests
{
    private static readonly DmTable Zero8 = DmTable.OneLine(Sectors.FromCount(8), new ZeroTarget());
    private string _base = null!;
    private RunContext _run = null!;
    private DmsetupBackend _unstartable = null!;

    [SetUp]
    public void CreateRun()
    {
        _base = Path.Combine(Path.GetTempPath(), $"sts-hostile-unit-{Guid.NewGuid():N}");
        _run = RunContext.Create(_base);
        _unstartable = new DmsetupBackend(program: Path.Combine(_base, "no-such-dmsetup"));
    }

    [TearDown]
    public void RemoveRun()
    {
        _unstartable.Dispose();
        Directory.Delete(_base, recursive: true);
    }

    // Found: an empty name escaped DmDevice as ArgumentException, and "control", "." and ".." as
    // UnsafeOperationException (no prefix) rather than as the bad names they are.
    [TestCase("")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("control")]
    [TestCase("a/b")]
    public async Task A_name_no_device_can_have_is_refused_as_a_bad_name_by_create_rename_and_look_up(string name)
    {
        await FluentActions.Awaiting(() => DmDevice.CreateAsync(name, Zero8, backend: _unstartable, run: _run)).Should().ThrowAsync<DmNameException>();
        await FluentActions.Awaiting(() => DmDevice.TryGetByNameAsync(name, _unstartable, _run)).Should().ThrowAsync<DmNameException>();
    }

    // Found: any uuid was accepted, so a test device could carry an LVM- or CRYPT- uuid that host tools claim.
    [TestCase("LVM-0123456789abcdef0123456789abcdef")]
    [TestCase("CRYPT-LUKS2-0123-x")]
    [TestCase("control")]
    public async Task A_uuid_without_the_runs_prefix_is_refused_before_any_backend(string uuid)
    {
        var refusal = await FluentActions.Awaiting(() => DmDevice.CreateAsync(_run.NewName("u"), Zero8, uuid, backend: _unstartable, run: _run))
            .Should().ThrowAsync<UnsafeOperationException>();
        refusal.Which.Message.Should().Contain(uuid).And.Contain(_run.Prefix);
    }

    [Test]
    public async Task An_empty_uuid_is_refused_as_a_bad_name()
    {
        await FluentActions.Awaiting(() => DmDevice.CreateAsync(_run.NewName("u"), Zero8, "", backend: _unstartable, run: _run))
            .Should().ThrowAsync<DmNameException>();
    }

    // Found: dmsetup cuts a table line at '#' (a comment) and at NUL, the ioctl backend passes both
    // on: "zero #x" made a device through dmsetup and was refused through the ioctl.
    [TestCase("zero", "#comment")]
    [TestCase("linear", "7:999999 0#x")]
    [TestCase("snapshot-origin", "/dev/loop0#x")]
    [TestCase("zero", "\0junk")]
    [TestCase("linear", "/dev/loop0{surrogate} 0")]
    public async Task A_table_the_backends_would_carry_differently_is_refused_before_either_sends_it(string type, string arguments)
    {
        var table = DmTable.OneLine(Sectors.FromCount(8), new GenericTarget(type, WithSurrogate(arguments)));

        await FluentActions.Awaiting(() => _unstartable.CreateAsync(_run.NewName("t"), table)).Should().ThrowAsync<DmValidationException>();
        await FluentActions.Awaiting(() => _unstartable.LoadAsync(_run.NewName("t"), table)).Should().ThrowAsync<DmValidationException>();
        await FluentActions.Awaiting(() => DmDevice.CreateAsync(_run.NewName("t"), table, backend: _unstartable, run: _run))
            .Should().ThrowAsync<DmValidationException>();
    }

    [Test]
    public async Task A_table_without_those_bytes_gets_past_the_check_to_the_backend()
    {
        // The control case: the same call with a clean table reaches dmsetup, which cannot start here.
        await FluentActions.Awaiting(() => _unstartable.CreateAsync(_run.NewName("t"), Zero8)).Should().ThrowAsync<DmOperationException>()
            .Where(e => e.Errno == Errno.None);
    }

    // Found: a NUL in a message was sent cut short by the ioctl backend; a message over 128 KiB could
    // not start dmsetup (E2BIG) while the ioctl backend sent it; typed messages (not built by Raw) skipped every check.
    [TestCase("@stats_list\0hello")]
    [TestCase("hello {surrogate}")]
    [TestCase("")]
    [TestCase(" \t ")]
    [TestCase("a\nb")]
    public async Task A_message_the_backends_would_carry_differently_is_refused_before_it_is_sent(string text)
    {
        text = WithSurrogate(text);
        FluentActions.Invoking(() => DmMessage.Raw(text)).Should().Throw<DmValidationException>();
        await FluentActions.Awaiting(() => _unstartable.SendMessageAsync(_run.NewName("m"), new DmMessage(text))).Should().ThrowAsync<DmValidationException>();
    }

    [Test]
    public async Task A_message_is_sent_up_to_64_KiB_and_refused_one_byte_beyond()
    {
        var longest = "x" + new string('y', DmMessage.MaxBytes - 1);

        DmMessage.Raw(longest).Text.Should().HaveLength(DmMessage.MaxBytes);
        await FluentActions.Awaiting(() => _unstartable.SendMessageAsync(_run.NewName("m"), longest)).Should().ThrowAsync<DmOperationException>()
            .Where(e => e.Errno == Errno.None, "the longest message gets past the check to dmsetup");
        FluentActions.Invoking(() => DmMessage.Raw(longest + "z")).Should().Throw<DmValidationException>().WithMessage("*65537 bytes*");
    }

    // Found on this host: /dev/mapper/control exists without a driver behind it, and opening it
    // escaped as a raw IOException ("No such device") instead of the documented DmOperationException.
    [Test]
    public void Opening_the_control_node_without_device_mapper_is_a_device_mapper_error()
    {
        if (HostInfo.HasDeviceMapper)
        {
            Assert.Ignore("This kernel has device-mapper: the open succeeds.");
        }

        FluentActions.Invoking(() => IoctlBackend.Open()).Should().Throw<DmOperationException>();
    }

    /// <summary>Puts a lone surrogate where the test case says {surrogate}: attribute strings are stored as UTF-8, which has none.</summary>
    private static string WithSurrogate(string text) => text.Replace("{surrogate}", "\ud800", StringComparison.Ordinal);
}
