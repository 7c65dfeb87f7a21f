using FluentAssertions;
using NUnit.Framework;
using Sts.Results.Model;

namespace Sts.Tests.Unit.Results;

public sealed class TestRecordTests
{
    // Names as NUnit gave them in a host run of Sts.Tests (recorded and in its trx).
    [TestCase("Sts.Tests.Scenarios.Thin.ThinPoolTests.A_pool_is_created", "Sts.Tests.Scenarios.Thin")]
    [TestCase("Sts.Tests.Kernel.DmStatsTests(\"dmsetup\").A_print_longer_than_the_first_answer_buffer_comes_back_whole", "Sts.Tests.Kernel")]
    [TestCase("Sts.Tests.Unit.Units.SizeTests.Refuses_what_is_not_a_valid_size_and_says_why(\"0.3K\",\"whole number of bytes\")", "Sts.Tests.Unit.Units")]
    [TestCase("Sts.Tests.Unit.Units.SizeTests.Odd(\"a \\\" ) . quote\")", "Sts.Tests.Unit.Units")]
    [TestCase("PoolTests.Create", "(global)")]
    public void The_area_is_the_namespace_whatever_the_arguments_hold(string test, string area) =>
        new TestRecord(test, TestOutcome.Passed, DateTimeOffset.UnixEpoch, TimeSpan.Zero).Area.Should().Be(area);
}
