using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Host;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Kernel;

/// <summary>
/// Scenario 1 of the catalog: linear over a loop device, driven through dmsetup.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresTool("dmsetup")]
public sealed class LinearTargetTests
{
    [Test]
    [Scenario(1)]
    public async Task A_linear_device_maps_writes_to_the_loop_device_at_the_table_offset_and_removal_leaves_the_loop_intact()
    {
        RecordKernelUnderTest();
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(32));
        var start = Sectors.FromCount(4096); // 2 MiB into the loop device
        var length = Sectors.FromCount(16384); // 8 MiB
        var name = RunContext.Current.NewName("linear");
        var table = $"0 {length} linear {loop.DeviceNumber} {start}";
        var pattern = RandomNumberGenerator.GetBytes(64 * 1024);
        var at = Size.FromMiB(3);

        await DmsetupCli.Run("create", name, "--table", table);
        try
        {
            var dm = BlockDevice.FromKernelName((await DmsetupCli.Run("info", "-c", "--noheadings", "-o", "blkdevname", name)).Trim());
            dm.SizeInSectors.Should().Be(length);
            dm.Slaves.Should().Equal(loop.KernelName);
            (await DmsetupCli.Run("table", name)).Trim().Should().Be(table, "the kernel prints the table back as loaded");

            await dm.WriteAsync(at, pattern);
            loop.FlushBuffers();

            (await loop.ReadAsync(start.ToSize() + at, pattern.Length)).Should().Equal(pattern,
                "a write at offset X of the linear device lands at start + X of the loop device");
            (await loop.ReadAsync(at, pattern.Length)).Should().OnlyContain(b => b == 0, "nothing lands below the table's start");
        }
        finally
        {
            await DmsetupCli.Run("remove", "--retry", name);
        }

        (await DmsetupCli.ExitCode("info", name)).Should().NotBe(0, "the device was removed");
        (await DmsetupCli.Run("ls")).Should().NotContain(name);
        loop.Holders.Should().BeEmpty();
        loop.IsAttached.Should().BeTrue();
        (await loop.ReadAsync(start.ToSize() + at, pattern.Length)).Should().Equal(pattern, "removal leaves the loop device's data alone");
    }


    /// <summary>
    /// Says which kernel ran the test; in the lab VM it must be the guest's, which the runner
    /// passes as STS_GUEST_KERNEL, never the host's.
    /// </summary>
    private static void RecordKernelUnderTest()
    {
        var release = HostInfo.KernelRelease;
        TestContext.Out.WriteLine($"kernel under test: {release}");
        if (StsEnvironment.GuestKernel is { } guest)
        {
            release.Should().Be(guest, "inside the lab VM the kernel under test is the guest's");
        }
    }
}
