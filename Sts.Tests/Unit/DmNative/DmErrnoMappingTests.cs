using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Units;
using Sts.Dm.Errors;
using static Sts.Dm.Interop.DmIoctl;

namespace Sts.Tests.Unit.DmNative;

/// <summary>
/// The one errno → exception mapping both backends use: the ioctl decides with the errno, so a
/// target refusing a message is never mistaken for a busy device, a taken name or a missing
/// capability (issue 9, item 5).
/// </summary>
public sealed class DmErrnoMappingTests
{
    private static readonly (string, Sectors) Hello = ("hello", Sectors.FromCount(0));

    [TestCase(Errno.EBUSY)]
    [TestCase(Errno.EEXIST)]
    [TestCase(Errno.EPERM)]
    [TestCase(Errno.EINVAL)]
    [TestCase(Errno.ENOSPC)]
    public void A_refused_target_message_is_a_message_refusal_whatever_the_errno(Errno errno)
    {
        var thrown = DmErrnoMapping.ToException(Command.TargetMsg, "message", "dev", errno, null, Hello);

        thrown.Should().BeOfType<DmMessageRefusedException>().Which.Should().Match<DmMessageRefusedException>(e =>
            e.Errno == errno && e.TargetMessage == "hello" && e.Device == "dev" && e.Operation == "message");
    }

    [Test]
    public void A_message_to_a_missing_device_is_not_found()
    {
        DmErrnoMapping.ToException(Command.TargetMsg, "message", "dev", Errno.ENXIO, null, Hello).Should().BeOfType<DmDeviceNotFoundException>();
    }

    [Test]
    public void EBUSY_means_a_taken_name_on_create_and_rename_and_a_busy_device_elsewhere()
    {
        DmErrnoMapping.ToException(Command.DevCreate, "create", "dev", Errno.EBUSY, null).Should().BeOfType<DmDeviceExistsException>();
        DmErrnoMapping.ToException(Command.DevRename, "rename", "dev", Errno.EBUSY, null).Should().BeOfType<DmDeviceExistsException>();
        DmErrnoMapping.ToException(Command.DevRemove, "remove", "dev", Errno.EBUSY, null).Should().BeOfType<DmDeviceBusyException>();
        DmErrnoMapping.ToException(Command.DevSuspend, "resume", "dev", Errno.EBUSY, null).Should().BeOfType<DmDeviceBusyException>();
    }

    [TestCase(Errno.ENXIO, typeof(DmDeviceNotFoundException))]
    [TestCase(Errno.EEXIST, typeof(DmDeviceExistsException))]
    [TestCase(Errno.EINVAL, typeof(DmInvalidArgumentException))]
    [TestCase(Errno.EPERM, typeof(DmPermissionException))]
    [TestCase(Errno.EACCES, typeof(DmPermissionException))]
    [TestCase(Errno.ENOMEM, typeof(DmOperationException))]
    public void Other_ioctls_map_by_errno(Errno errno, Type expected)
    {
        var thrown = DmErrnoMapping.ToException(Command.TableLoad, "table load", "dev", errno, null);

        thrown.Should().BeOfType(expected);
        thrown.Errno.Should().Be(errno);
        thrown.Message.Should().Contain(errno.Describe(), "without a backend's report the errno's text says what happened");
    }
}
