using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Host;

namespace Sts.Tests.Unit.Host;

public sealed class KernelLogRecordTests
{
    // Records in the format the kernel documents for /dev/kmsg (Documentation/ABI/testing/dev-kmsg:
    // "prio,seq,usec,flags;message" plus " KEY=value" continuation lines), with message texts the
    // 6.1 kernel prints: a kernel record with a dictionary, and a record written through /dev/kmsg.
    [Test]
    public void A_kernel_record_with_a_dictionary_parses_into_level_facility_sequence_time_and_text()
    {
        var record = KernelLogRecord.Parse("4,1024,5140900,-,caller=T1;device-mapper: thin: 254:2: reached low water mark for data device: sending event.\n SUBSYSTEM=block\n DEVICE=b254:2\n");

        record.Level.Should().Be(4);
        record.Facility.Should().Be(0);
        record.IsFromKernel.Should().BeTrue();
        record.Sequence.Should().Be(1024);
        record.Timestamp.Should().Be(TimeSpan.FromMicroseconds(5140900));
        record.Message.Should().Be("device-mapper: thin: 254:2: reached low water mark for data device: sending event.");
        record.ToString().Should().Be("[    5.140900] device-mapper: thin: 254:2: reached low water mark for data device: sending event.");
    }

    [Test]
    public void A_record_written_through_dev_kmsg_has_the_user_facility()
    {
        var record = KernelLogRecord.Parse("12,2100,98765432,-;sts: begin Sts.Tests.Some.Test\n");

        record.Facility.Should().Be(1);
        record.Level.Should().Be(4);
        record.IsFromKernel.Should().BeFalse();
    }

    [TestCase("no semicolon at all")]
    [TestCase("x,1,2,-;text")]
    [TestCase("6,-1,2,-;text")]
    [TestCase("6,1;text")]
    public void Text_that_is_not_a_kmsg_record_is_refused_with_the_text(string text)
    {
        var act = () => KernelLogRecord.Parse(text);

        act.Should().Throw<FormatException>().WithMessage($"*{text}*");
    }

    [Test]
    public void Taint_bits_are_named_like_the_kernel_documentation()
    {
        KernelLog.DescribeTaint(0).Should().BeEmpty();
        KernelLog.DescribeTaint(1UL << 9).Should().Equal("W (kernel warning)");
        KernelLog.DescribeTaint((1UL << 7) | (1UL << 12) | (1UL << 40)).Should().Equal("D (kernel died: oops or BUG)", "O (out-of-tree module)", "bit 40");
    }
}
