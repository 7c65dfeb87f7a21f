using FluentAssertions;
using NUnit.Framework;
using Sts.Results.Import;
using Sts.Results.Model;

namespace Sts.Tests.Unit.Results;

public sealed class TrxReaderTests
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "TestData", "trx", "host-sample.trx");

    [Test]
    public void A_real_trx_reads_as_one_record_per_test_named_as_nunit_names_it()
    {
        var run = TrxReader.Read(Sample);
        run.Started.Should().Be(new DateTimeOffset(2026, 11, 30, 13, 10, 55, 726, TimeSpan.Zero).AddTicks(1352));
        run.Host.Should().Be("vm");
        run.Records.Should().HaveCount(49, "the trx's counters say total=\"49\"");
        run.Records.Count(r => r.Outcome == TestOutcome.Passed).Should().Be(33, "passed=\"33\"");
        run.Records.Count(r => r.Outcome == TestOutcome.Skipped).Should().Be(16);
        run.Records.Select(r => r.Test).Should().OnlyHaveUniqueItems().And
            .Contain("Sts.Tests.Unit.Units.SizeTests.Refuses_what_is_not_a_valid_size_and_says_why(\"-1M\",\"negative\")");
        var skipped = run.Records.Single(r => r.Test == "Sts.Tests.Kernel.DmControlTests.An_open_device_cannot_be_removed_but_a_deferred_remove_happens_at_last_close");
        skipped.Message.Should().StartWith("OneTimeSetUp: Prerequisite missing: kernel 6.18.44-fc-v657 has no device-mapper");
        skipped.Duration.Should().Be(TimeSpan.FromTicks(165840));
        skipped.Log.Should().Contain("Prerequisite missing");
        run.Records.Where(r => r.Outcome == TestOutcome.Passed).Should().OnlyContain(r => r.Message == null);
    }

    [Test]
    public void A_kernel_finding_and_a_hang_on_a_real_kernel_read_with_their_kernel_log_excerpt()
    {
        var run = TrxReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "trx", "labvm-guard-probes.trx"));
        run.Host.Should().Be("sts-labvm");
        const string probes = "Sts.Tests.Kernel.Fixtures.Probes.GuardProbes.";
        var finding = run.Records.Single(r => r.Test == probes + "Logs_a_kernel_warning");
        finding.Outcome.Should().Be(TestOutcome.KernelFinding);
        finding.Message.Should().StartWith("TearDown : Sts.Fixtures.KernelHealthException : Kernel health check failed:");
        finding.KernelLog.Should().Be(
            "  [   75.689613] sts: begin Sts.Tests.Kernel.Fixtures.Probes.GuardProbes.Logs_a_kernel_warning\n"
            + "  [   75.729048] WARNING: CPU: 0 PID: 4343 at drivers/md/dm-sts-probe.c:1 sts_probe_warning+0x0/0x10");
        var hang = run.Records.Single(r => r.Test == probes + "Hangs_on_a_suspended_device");
        hang.Outcome.Should().Be(TestOutcome.Hang);
        hang.Message.Should().Contain("Time limit of 5 s exceeded");
        hang.Duration.Should().Be(TimeSpan.Parse("00:00:11.0931540", System.Globalization.CultureInfo.InvariantCulture));
        run.Records.Should().HaveCount(2, "the counters say total=\"2\"");
    }

    [Test]
    public void A_file_that_is_not_a_trx_is_refused_with_a_typed_error()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "<?xml version=\"1.0\"?><testsuites><testsuite name=\"junit\"/></testsuites>");
            FluentActions.Invoking(() => TrxReader.Read(file)).Should().Throw<TrxFormatException>().WithMessage("*not a TeamTest 2010 <TestRun>*");
            File.WriteAllText(file, "not xml");
            FluentActions.Invoking(() => TrxReader.Read(file)).Should().Throw<TrxFormatException>().Which.Path.Should().Be(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("Known kernel issue on kernel 6.1.0-41-amd64: dm-thin discard bug\nThe test failed as the bug predicts:\nx", TestOutcome.KnownIssue)]
    [TestCase("Known tool issue on thin_check 0.9.0: y", TestOutcome.KnownIssue)]
    [TestCase("OneTimeSetUp: Prerequisite missing: no device-mapper", TestOutcome.Skipped)]
    [TestCase("a test that mentions Known kernel issue on in passing", TestOutcome.Skipped)]
    public void A_test_that_did_not_run_is_a_known_issue_only_when_the_waiver_says_so(string message, TestOutcome expected) =>
        TestOutcomes.OfNotRun(message).Should().Be(expected);

    // The texts the guard writes (GuardEndToEndTests checks them on the lab VM's kernel), as NUnit reports a teardown exception.
    [TestCase("TearDown : Sts.Fixtures.KernelHealthException : Kernel health check failed:\n  <4>WARNING: CPU: 0 PID: 4343 at drivers/md/dm-sts-probe.c:1", TestOutcome.KernelFinding)]
    [TestCase("TearDown : Sts.Fixtures.KernelHealthException : Time limit of 5 s exceeded by X.\nKernel health check failed:\n  <3>INFO: task blocked", TestOutcome.Hang)]
    [TestCase("Expected: 4096\n  But was:  0", TestOutcome.Failed)]
    [TestCase("Time limit of the pool was mentioned", TestOutcome.Failed)]
    [TestCase(null, TestOutcome.Failed)]
    public void A_failure_is_a_hang_or_a_kernel_finding_when_the_guard_says_so(string? message, TestOutcome expected) =>
        TestOutcomes.OfFailure(message).Should().Be(expected);
}
