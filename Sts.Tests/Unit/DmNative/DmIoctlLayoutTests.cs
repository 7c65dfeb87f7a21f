using System.Globalization;
using FluentAssertions;
using NUnit.Framework;
using Sts.Dm.Interop;
using Sts.Tests.TestData;

namespace Sts.Tests.Unit.DmNative;

/// <summary>The interop constants against offsets printed by C from linux/dm-ioctl.h (TestData/dm-ioctl).</summary>
public sealed class DmIoctlLayoutTests
{
    private static readonly Dictionary<string, string> Header = TestDataFile.Read("dm-ioctl", "layout.txt")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split(' ', 2))
        .ToDictionary(parts => parts[0], parts => parts[1]);

    private static long C(string key) => Header[key].StartsWith("0x", StringComparison.Ordinal)
        ? long.Parse(Header[key][2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        : long.Parse(Header[key], CultureInfo.InvariantCulture);

    [Test]
    public void Struct_dm_ioctl_offsets_match_the_kernel_header()
    {
        DmIoctl.HeaderSize.Should().Be((int)C("sizeof.dm_ioctl"));
        DmIoctl.OffVersion.Should().Be((int)C("dm_ioctl.version"));
        DmIoctl.OffDataSize.Should().Be((int)C("dm_ioctl.data_size"));
        DmIoctl.OffDataStart.Should().Be((int)C("dm_ioctl.data_start"));
        DmIoctl.OffTargetCount.Should().Be((int)C("dm_ioctl.target_count"));
        DmIoctl.OffOpenCount.Should().Be((int)C("dm_ioctl.open_count"));
        DmIoctl.OffFlags.Should().Be((int)C("dm_ioctl.flags"));
        DmIoctl.OffEventNr.Should().Be((int)C("dm_ioctl.event_nr"));
        DmIoctl.OffDev.Should().Be((int)C("dm_ioctl.dev"));
        DmIoctl.OffName.Should().Be((int)C("dm_ioctl.name"));
        DmIoctl.OffUuid.Should().Be((int)C("dm_ioctl.uuid"));
        DmIoctl.OffData.Should().Be((int)C("dm_ioctl.data"));
        DmIoctl.NameLength.Should().Be((int)C("DM_NAME_LEN"));
        DmIoctl.UuidLength.Should().Be((int)C("DM_UUID_LEN"));
        DmIoctl.MaxTypeName.Should().Be((int)C("DM_MAX_TYPE_NAME"));
    }

    [Test]
    public void Payload_record_offsets_match_the_kernel_header()
    {
        DmIoctl.TargetSpecSize.Should().Be((int)C("sizeof.dm_target_spec"));
        DmIoctl.SpecOffSectorStart.Should().Be((int)C("dm_target_spec.sector_start"));
        DmIoctl.SpecOffLength.Should().Be((int)C("dm_target_spec.length"));
        DmIoctl.SpecOffStatus.Should().Be((int)C("dm_target_spec.status"));
        DmIoctl.SpecOffNext.Should().Be((int)C("dm_target_spec.next"));
        DmIoctl.SpecOffTargetType.Should().Be((int)C("dm_target_spec.target_type"));
        DmIoctl.DepsOffCount.Should().Be((int)C("dm_target_deps.count"));
        DmIoctl.DepsOffDev.Should().Be((int)C("dm_target_deps.dev"));
        DmIoctl.NameListOffDev.Should().Be((int)C("dm_name_list.dev"));
        DmIoctl.NameListOffNext.Should().Be((int)C("dm_name_list.next"));
        DmIoctl.NameListOffName.Should().Be((int)C("dm_name_list.name"));
        DmIoctl.VersionsOffNext.Should().Be((int)C("dm_target_versions.next"));
        DmIoctl.VersionsOffVersion.Should().Be((int)C("dm_target_versions.version"));
        DmIoctl.VersionsOffName.Should().Be((int)C("dm_target_versions.name"));
        DmIoctl.MessageOffSector.Should().Be((int)C("dm_target_msg.sector"));
        DmIoctl.MessageOffText.Should().Be((int)C("dm_target_msg.message"));
        DmIoctl.NameListFlagHasUuid.Should().Be((uint)C("DM_NAME_LIST_FLAG_HAS_UUID"));
    }

    [TestCase((uint)DmIoctl.Command.Version, "DM_VERSION")]
    [TestCase((uint)DmIoctl.Command.ListDevices, "DM_LIST_DEVICES")]
    [TestCase((uint)DmIoctl.Command.DevCreate, "DM_DEV_CREATE")]
    [TestCase((uint)DmIoctl.Command.DevRemove, "DM_DEV_REMOVE")]
    [TestCase((uint)DmIoctl.Command.DevRename, "DM_DEV_RENAME")]
    [TestCase((uint)DmIoctl.Command.DevSuspend, "DM_DEV_SUSPEND")]
    [TestCase((uint)DmIoctl.Command.DevStatus, "DM_DEV_STATUS")]
    [TestCase((uint)DmIoctl.Command.TableLoad, "DM_TABLE_LOAD")]
    [TestCase((uint)DmIoctl.Command.TableClear, "DM_TABLE_CLEAR")]
    [TestCase((uint)DmIoctl.Command.TableDeps, "DM_TABLE_DEPS")]
    [TestCase((uint)DmIoctl.Command.TableStatus, "DM_TABLE_STATUS")]
    [TestCase((uint)DmIoctl.Command.ListVersions, "DM_LIST_VERSIONS")]
    [TestCase((uint)DmIoctl.Command.TargetMsg, "DM_TARGET_MSG")]
    [TestCase((uint)DmIoctl.Command.DevArmPoll, "DM_DEV_ARM_POLL")]
    [TestCase((uint)DmIoctl.Command.GetTargetVersion, "DM_GET_TARGET_VERSION")]
    public void Request_numbers_match_the_kernel_header(uint command, string macro) =>
        ((long)DmIoctl.Request((DmIoctl.Command)command)).Should().Be(C(macro));

    [TestCase((uint)DmIoctl.Flags.ReadOnly, "DM_READONLY_FLAG")]
    [TestCase((uint)DmIoctl.Flags.Suspend, "DM_SUSPEND_FLAG")]
    [TestCase((uint)DmIoctl.Flags.StatusTable, "DM_STATUS_TABLE_FLAG")]
    [TestCase((uint)DmIoctl.Flags.ActivePresent, "DM_ACTIVE_PRESENT_FLAG")]
    [TestCase((uint)DmIoctl.Flags.InactivePresent, "DM_INACTIVE_PRESENT_FLAG")]
    [TestCase((uint)DmIoctl.Flags.BufferFull, "DM_BUFFER_FULL_FLAG")]
    [TestCase((uint)DmIoctl.Flags.SkipLockfs, "DM_SKIP_LOCKFS_FLAG")]
    [TestCase((uint)DmIoctl.Flags.NoFlush, "DM_NOFLUSH_FLAG")]
    [TestCase((uint)DmIoctl.Flags.QueryInactiveTable, "DM_QUERY_INACTIVE_TABLE_FLAG")]
    [TestCase((uint)DmIoctl.Flags.Uuid, "DM_UUID_FLAG")]
    [TestCase((uint)DmIoctl.Flags.DataOut, "DM_DATA_OUT_FLAG")]
    [TestCase((uint)DmIoctl.Flags.DeferredRemove, "DM_DEFERRED_REMOVE")]
    [TestCase((uint)DmIoctl.Flags.InternalSuspend, "DM_INTERNAL_SUSPEND_FLAG")]
    public void Flags_match_the_kernel_header(uint flag, string macro) =>
        ((long)flag).Should().Be(C(macro));
}
