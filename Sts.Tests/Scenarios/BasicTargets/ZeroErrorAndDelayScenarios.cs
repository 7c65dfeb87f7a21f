using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.BasicTargets;

/// <summary>Catalog scenarios 3 and 4: zero, error and delay do what they promise to every I/O.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class ZeroErrorAndDelayScenarios
{
    [Test]
    [Scenario(3)]
    public async Task A_zero_device_reads_zeros_and_discards_what_is_written_to_it()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var zero = await stack.ZeroAsync(Size.FromMiB(16), ct);
        var at = Size.FromMiB(1);

        await zero.WriteAsync(at, Pattern(64 * 1024), ct); // accepted: write and fsync succeed
        zero.FlushBuffers(); // drop the page cache, which still holds what was written

        (await zero.ReadAsync(at, 64 * 1024, ct)).Should().OnlyContain(b => b == 0, "the write was discarded");
        (await zero.ReadAsync(Size.FromMiB(15), 4096, ct)).Should().OnlyContain(b => b == 0);
    }

    [Test]
    [Scenario(3)]
    public async Task An_error_device_fails_every_read_and_write_with_EIO()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var error = await stack.ErrorAsync(Size.FromMiB(16), ct);

        await ShouldFailWithEioAsync(() => error.ReadAsync(Size.Zero, 4096, ct), "the error target fails reads");
        await ShouldFailWithEioAsync(() => error.ReadAsync(Size.FromMiB(8), 4096, ct), "everywhere");
        await ShouldFailWithEioAsync(() => error.WriteAsync(Size.FromMiB(4), Pattern(4096), ct), "the error target fails writes");
    }

    [Test]
    [Scenario(4)]
    public async Task A_delay_device_holds_reads_and_writes_for_at_least_their_configured_delays_and_passes_the_data()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var loop = await stack.LoopAsync(Size.FromMiB(16), cancellationToken: ct);
        var readDelay = TimeSpan.FromMilliseconds(400);
        var writeDelay = TimeSpan.FromMilliseconds(700);
        var data = Pattern(4096);
        await loop.WriteAsync(Size.FromMiB(4), data, ct);
        var delay = await stack.DelayAsync(stack.Admit(loop), readDelay, writeDelay, ct);
        delay.FlushBuffers(); // whatever udev read at creation must not be served from the cache

        var read = Stopwatch.StartNew();
        var readBack = await delay.ReadAsync(Size.FromMiB(4), data.Length, ct);
        read.Stop();
        var write = Stopwatch.StartNew();
        await delay.WriteAsync(Size.FromMiB(8), data, ct); // write + fsync: the write bio and the flush are both delayed
        write.Stop();

        readBack.Should().Equal(data);
        // Generous bounds: the kernel delays by timer ticks (a few ms of rounding), and the VM is slow, never fast.
        read.Elapsed.Should().BeGreaterThanOrEqualTo(readDelay * 0.95).And.BeLessThan(TimeSpan.FromSeconds(30));
        write.Elapsed.Should().BeGreaterThanOrEqualTo(writeDelay * 0.95).And.BeLessThan(TimeSpan.FromSeconds(30));
        loop.FlushBuffers();
        (await loop.ReadAsync(Size.FromMiB(8), data.Length, ct)).Should().Equal(data, "the delayed write landed");
    }
}
