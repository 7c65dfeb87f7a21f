using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.BasicTargets;

/// <summary>Catalog scenarios 1 and 2: linear and striped mappings land data where their tables say.</summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class LinearAndStripedScenarios
{
    [Test]
    [Scenario(1)]
    public async Task A_linear_device_writes_at_its_table_offset_on_the_loop_device_reports_its_table_and_removal_leaves_the_loop_untouched()
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var loop = await stack.LoopAsync(Size.FromMiB(32), cancellationToken: ct);
        var start = Sectors.FromCount(4096); // 2 MiB into the loop device
        var length = Sectors.FromCount(16384); // 8 MiB
        var linear = await stack.LinearAsync(stack.Admit(loop), start, length, ct);
        var at = Size.FromMiB(3);
        var pattern = Pattern(64 * 1024);

        await linear.WriteAsync(at, pattern, ct);
        loop.FlushBuffers();

        (await loop.ReadAsync(start.ToSize() + at, pattern.Length, ct)).Should().Equal(pattern,
            "a write at offset X of the linear device lands at start + X of the loop device");
        (await loop.ReadAsync(at, pattern.Length, ct)).Should().OnlyContain(b => b == 0, "nothing lands at X itself: the table's start applies");
        linear.SizeInSectors.Should().Be(length);
        (await linear.TableAsync(cancellationToken: ct)).Should().Be(linear.Table, "the kernel reports the table as it was loaded");

        await linear.RemoveAsync(cancellationToken: ct);

        (await stack.Backend.TryGetInfoAsync(linear.Name, ct)).Should().BeNull("the device is gone");
        loop.IsAttached.Should().BeTrue();
        loop.Holders.Should().BeEmpty("nothing holds the loop device any more");
        loop.FlushBuffers();
        (await loop.ReadAsync(start.ToSize() + at, pattern.Length, ct)).Should().Equal(pattern, "removing the mapping leaves the data alone");
    }

    [TestCase(2)]
    [TestCase(4)]
    [Scenario(2)]
    public async Task A_striped_device_puts_chunk_i_on_leg_i_mod_n_at_chunk_i_div_n_of_that_leg(int legCount)
    {
        using var timeout = Deadline();
        var ct = timeout.Token;
        await using var stack = new DeviceStack();
        var legs = new List<BlockDevice>();
        for (var i = 0; i < legCount; i++)
        {
            legs.Add(await stack.LoopAsync(Size.FromMiB(8), cancellationToken: ct));
        }

        var chunk = Sectors.FromCount(128); // 64 KiB
        var chunkBytes = (int)chunk.ToSize().Bytes;
        var striped = await stack.StripedAsync(legs.Select(stack.Admit).ToList(), chunk, ct);
        // Start one chunk past a full stripe and cover two stripes: every leg gets two chunks,
        // and the first written chunk is not on leg 0.
        var firstChunk = legCount + 1;
        var chunkCount = 2 * legCount;
        var data = Pattern(chunkCount * chunkBytes);

        await striped.WriteAsync(Size.FromBytes((long)firstChunk * chunkBytes), data, ct);

        striped.SizeInSectors.Should().Be(Sectors.FromCount(legCount * Size.FromMiB(8).ToSectors().Count));
        (await striped.TableAsync(cancellationToken: ct)).Should().Be(striped.Table);
        foreach (var leg in legs)
        {
            leg.FlushBuffers();
        }

        for (var j = 0; j < chunkCount; j++)
        {
            var i = firstChunk + j;
            var leg = legs[i % legCount];
            var offsetOnLeg = Size.FromBytes((long)(i / legCount) * chunkBytes);
            (await leg.ReadAsync(offsetOnLeg, chunkBytes, ct)).Should().Equal(data.AsSpan(j * chunkBytes, chunkBytes).ToArray(),
                $"chunk {i} of the striped device belongs on leg {i % legCount} at chunk {i / legCount}");
        }

        (await legs[0].ReadAsync(Size.Zero, chunkBytes, ct)).Should().OnlyContain(b => b == 0, "chunk 0 was not written");
    }
}
