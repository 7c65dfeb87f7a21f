using FluentAssertions;
using NUnit.Framework;
using Sts.Fixtures.Health;

namespace Sts.Tests.Unit.Fixtures;

public sealed class KernelHealthPatternTests
{
    // Lines as the kernel prints them (first lines of real reports: a WARN_ON splat, a BUG_ON, a
    // NULL dereference, lockdep), and ordinary device-mapper lines that must not fail a test.
    [TestCase("WARNING: CPU: 1 PID: 402 at drivers/md/dm-bufio.c:1953 dm_bufio_client_destroy+0x1b5/0x1d0 [dm_bufio]")]
    [TestCase("kernel BUG at drivers/md/persistent-data/dm-btree.c:1088!")]
    [TestCase("BUG: kernel NULL pointer dereference, address: 0000000000000008")]
    [TestCase("Oops: 0000 [#1] PREEMPT SMP NOPTI")]
    [TestCase("WARNING: possible recursive locking detected")]
    [TestCase("WARNING: possible circular locking dependency detected")]
    [TestCase("INFO: suspicious RCU usage.")]
    [TestCase("general protection fault: 0000 [#1] SMP PTI")]
    [TestCase("Internal error: Oops: 96000004 [#1] PREEMPT SMP")]
    public void Lines_of_a_kernel_in_trouble_are_findings(string line) =>
        KernelHealth.IsFinding(line).Should().BeTrue();

    [TestCase("device-mapper: thin: Data device (dm-1) discard unsupported: Disabling discard passdown.")]
    [TestCase("device-mapper: thin: 254:2: switching pool to out-of-data-space (queue IO) mode")]
    [TestCase("device-mapper: ioctl: 4.47.0-ioctl (2022-07-28) initialised: dm-devel@redhat.com")]
    [TestCase("sts: begin Sts.Tests.Kernel.Some.Test_that_mentions_WARNING:_in_its_name")]
    public void Ordinary_lines_and_Sts_markers_are_not(string line) =>
        KernelHealth.IsFinding(line).Should().BeFalse();
}
