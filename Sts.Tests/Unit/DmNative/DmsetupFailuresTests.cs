using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Commands;
using Sts.Core.Units;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Errors;
using Sts.Tests.TestData;
using DmIoctlCommand = Sts.Dm.Interop.DmIoctl.Command;

namespace Sts.Tests.Unit.DmNative;

/// <summary>
/// dmsetup's real reports of refused messages (TestData/dmsetup-errors, captured on 6.1) read
/// back into the exception the ioctl backend throws for the same refusal: a message refusal with
/// the kernel's errno, whatever that errno is.
/// </summary>
public sealed class DmsetupFailuresTests
{
    [TestCase("create-thin-duplicate.stderr", "create_thin 7", Errno.EEXIST)]
    [TestCase("delete-active-thin.stderr", "delete 1", Errno.EBUSY)]
    [TestCase("invalidate-cblocks-not-passthrough.stderr", "invalidate_cblocks 0", Errno.EPERM)]
    [TestCase("reserve-metadata-snap-twice.stderr", "reserve_metadata_snap", Errno.EBUSY)]
    [TestCase("unknown-message.stderr", "sts_no_such_message 1", Errno.EINVAL)]
    public void A_refused_message_reads_back_as_a_message_refusal_with_its_errno(string file, string message, Errno errno)
    {
        var stderr = TestDataFile.Read("dmsetup-errors", file);
        var result = new CommandResult(new Command("dmsetup").WithArguments("message", "dev", "0", message), 1, "", stderr,
            DateTimeOffset.UnixEpoch, TimeSpan.Zero);

        var thrown = DmsetupFailures.From(DmIoctlCommand.TargetMsg, "message", "dev", result, (message, Sectors.FromCount(0)));

        var refused = thrown.Should().BeOfType<DmMessageRefusedException>().Which;
        refused.Errno.Should().Be(errno);
        refused.TargetMessage.Should().Be(message);
        refused.Operation.Should().Be("message");
        refused.Detail.Should().Contain(stderr.Split('\n')[0], "the message keeps dmsetup's own report");
    }

    // Found by the hostile-input corpus: a refused table came back as DmDeviceNotFoundException
    // (ENXIO) or a bare DmOperationException (ENODEV; EOVERFLOW, which dmsetup's reader did not
    // know, so dmsetup's errno was none where the ioctl backend's was EOVERFLOW).
    [TestCase("create-device-0-0.stderr", Errno.ENXIO)]
    [TestCase("create-minor-beyond-20-bits.stderr", Errno.EOVERFLOW)]
    [TestCase("create-path-does-not-exist.stderr", Errno.ENODEV)]
    public void A_table_refused_at_create_reads_back_as_an_invalid_argument_with_the_kernels_errno(string file, Errno errno)
    {
        var stderr = TestDataFile.Read("dmsetup-errors", file);
        var result = new CommandResult(new Command("dmsetup").WithArguments("create", "dev"), 1, "", stderr, DateTimeOffset.UnixEpoch, TimeSpan.Zero);

        var thrown = DmErrnoMapping.ForTableLoadOfNewDevice(DmsetupFailures.From(DmIoctlCommand.DevSuspend, "create", "dev", result), "0 8 linear 0:0 0");

        thrown.Should().BeOfType<DmInvalidArgumentException>().Which.Errno.Should().Be(errno);
        thrown.Operation.Should().Be("table load");
        thrown.Message.Should().Contain(stderr.Split('\n')[0], "the message keeps dmsetup's own report");
    }
}
