using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Host;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Backends;
using Sts.Dm.Errors;
using Sts.Dm.Stats;
using Sts.Dm.Tables;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Tests.Kernel.Backends;

namespace Sts.Tests.Kernel;

/// <summary>
/// Scenario 11 of the catalog: dm-stats regions on a linear device over a loop device, with real
/// direct I/O through the dm device, once per backend. Writes are counted exactly; reads are
/// made after udev has settled and the region was cleared, because udev's blkid reads the
/// device after every close of a writer (TestData/dm-stats/README.md).
/// </summary>
[TestFixture("ioctl")]
[TestFixture("dmsetup")]
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresTool("dmsetup")]
public sealed class DmStatsTests(string backendName)
{
    private const int KiB = 1024;

    // 16 MiB: 32768 sectors.
    private static readonly Sectors DeviceLength = Sectors.FromCount(32768);

    private IDmBackend _dm = null!;

    [SetUp]
    public void OpenBackend() => _dm = TestBackends.Open(backendName);

    [TearDown]
    public void CloseBackend() => _dm.Dispose();

    [Test]
    [Scenario(11)]
    public async Task Direct_io_is_counted_exactly_in_the_area_that_holds_it_and_clear_resets_the_counters()
    {
        await using var device = await StatsDevice.CreateAsync(_dm);
        var stats = device.Stats;
        var id = await stats.CreateRegionAsync(DmStatsRegionSpec.WholeDevice(DmStatsStep.Count(4)));

        await DirectWriteAsync(device.Node, Sectors.FromCount(0), 64 * KiB, times: 4); // area 0
        await DirectWriteAsync(device.Node, Sectors.FromCount(24576), 4 * KiB); // area 3
        // udev's blkid reads the device after the writer's close: let it finish, or its read is
        // seen in flight (seen on 6.12 in CI, 2026-11-30). Its reads do not touch the write counters.
        await Udev.SettleAsync();
        var written = await stats.PrintAsync(id);

        written.Select(a => (a.Start, a.Length)).Should().Equal(
            (S(0), S(8192)), (S(8192), S(8192)), (S(16384), S(8192)), (S(24576), S(8192)));
        written.Select(a => a.Counters.Writes).Should().Equal(4UL, 0UL, 0UL, 1UL);
        written.Select(a => a.Counters.SectorsWritten).Should().Equal(S(4 * 128), S(0), S(0), S(8));
        // dm-stats calls a bio "merged" when it starts where the last one on the same CPU ended
        // (per-CPU last position, dm_stats_account_io): a migration between writes loses one.
        written[0].Counters.WritesMerged.Should().BeLessThanOrEqualTo(3, "only the three writes after the first start where another ended");
        written.Should().OnlyContain(a => a.Counters.InFlight == 0 && a.Histogram == null);

        await stats.ClearRegionAsync(id);
        (await stats.PrintAsync(id)).Should().OnlyContain(a => a.Counters == DmStatsCounters.Zero, "clear zeroes every counter");

        await DirectReadAsync(device.Node, Sectors.FromCount(16384), 64 * KiB, times: 2); // area 2; a reader's close wakes no udev
        var read = await stats.PrintAsync(id);

        read.Select(a => a.Counters.Reads).Should().Equal(0UL, 0UL, 2UL, 0UL);
        read.Select(a => a.Counters.SectorsRead).Should().Equal(S(0), S(0), S(256), S(0));
        read.Should().OnlyContain(a => a.Counters.Writes == 0);
        DmStatsCounters.Sum(read.Select(a => a.Counters)).Ios.Should().Be(2);
    }

    [Test]
    public async Task An_io_across_an_area_boundary_counts_its_sectors_in_each_area()
    {
        await using var device = await StatsDevice.CreateAsync(_dm);
        var stats = device.Stats;
        // 100+1000 in /3: areas of ceil(1000 / 3) = 334 sectors at 100, 434 and 768 (the last 332 long).
        var id = await stats.CreateRegionAsync(DmStatsRegionSpec.Range(S(100), S(1000), DmStatsStep.Count(3)));
        var region = await stats.GetRegionAsync(id);
        region.Should().Be(new DmStatsRegion(id, S(100), S(1000), S(334), null, null, false, null));

        await DirectWriteAsync(device.Node, S(430), 4 * KiB); // sectors 430..437: 4 in area 0, 4 in area 1
        await DirectWriteAsync(device.Node, S(1096), 4 * KiB); // sectors 1096..1103: 4 in area 2, 4 beyond the region
        await DirectWriteAsync(device.Node, S(2048), 4 * KiB); // outside the region
        var areas = await stats.PrintAsync(id);

        areas.Should().HaveCount((int)region.AreaCount);
        areas.Select(a => a.Start).Should().Equal(S(100), S(434), S(768));
        areas.Select(a => a.Counters.SectorsWritten).Should().Equal(S(4), S(4), S(4));
        areas.Select(a => a.Counters.Writes).Should().Equal(1UL, 1UL, 1UL);
    }

    [Test]
    public async Task Regions_list_back_as_created_filter_by_program_and_take_new_aux_data()
    {
        await using var device = await StatsDevice.CreateAsync(_dm);
        var stats = device.Stats;
        var program = "sts" + Guid.NewGuid().ToString("N")[..8];

        var plain = await stats.CreateRegionAsync(DmStatsRegionSpec.WholeDevice(DmStatsStep.OneArea));
        var stepped = await stats.CreateRegionAsync(
            DmStatsRegionSpec.Range(S(2048), S(8192), DmStatsStep.Size(S(1024))) with { ProgramId = program, AuxData = "first" });
        var numeric = await stats.CreateRegionAsync(
            DmStatsRegionSpec.Range(S(0), S(8), DmStatsStep.OneArea) with { ProgramId = "12345" });

        new[] { plain, stepped, numeric }.Select(i => i.Value).Should().OnlyHaveUniqueItems();
        var listed = await stats.ListRegionsAsync();
        listed.Should().Equal(
            new DmStatsRegion(plain, S(0), DeviceLength, DeviceLength, null, null, false, null),
            new DmStatsRegion(stepped, S(2048), S(8192), S(1024), program, "first", false, null),
            new DmStatsRegion(numeric, S(0), S(8), S(8), "12345", null, false, null));
        (await stats.ListRegionsAsync(program)).Should().ContainSingle().Which.Id.Should().Be(stepped);
        (await stats.PrintAsync(stepped)).Should().HaveCount(8);

        await stats.SetAuxAsync(stepped, "second");
        (await stats.GetRegionAsync(stepped)).AuxData.Should().Be("second");
        await stats.SetAuxAsync(stepped, null);
        (await stats.GetRegionAsync(stepped)).AuxData.Should().BeNull();
    }

    [Test]
    [Scenario(11)]
    public async Task Print_clear_answers_the_counts_and_a_deleted_region_is_gone_for_every_message()
    {
        await using var device = await StatsDevice.CreateAsync(_dm);
        var stats = device.Stats;
        var id = await stats.CreateRegionAsync(DmStatsRegionSpec.WholeDevice(DmStatsStep.Count(2)));
        var other = await stats.CreateRegionAsync(DmStatsRegionSpec.WholeDevice(DmStatsStep.OneArea));

        await DirectWriteAsync(device.Node, S(0), 4 * KiB, times: 3);
        var printed = await stats.PrintAsync(id, clear: true);

        (printed[0].Counters.Writes, printed[0].Counters.SectorsWritten).Should().Be((3UL, S(24)));
        (await stats.PrintAsync(id)).Select(a => a.Counters.Writes).Should().Equal(0UL, 0UL);
        (await stats.PrintAsync(other)).Single().Counters.Writes.Should().Be(3, "clearing one region leaves the others alone");

        await stats.DeleteRegionAsync(id);

        (await stats.ListRegionsAsync()).Select(r => r.Id).Should().Equal(other);
        await ExpectRegionNotFound(() => stats.PrintAsync(id), id);
        await ExpectRegionNotFound(() => stats.ClearRegionAsync(id), id);
        await ExpectRegionNotFound(() => stats.SetAuxAsync(id, "x"), id);
        await ExpectRegionNotFound(() => stats.DeleteRegionAsync(id), id);
        await ExpectRegionNotFound(() => stats.GetRegionAsync(id), id);
        (await stats.TryDeleteRegionAsync(id)).Should().BeFalse();
        (await stats.TryDeleteRegionAsync(other)).Should().BeTrue();
        (await stats.ListRegionsAsync()).Should().BeEmpty();

        var missing = new DmStats(_dm, RunContext.Current.NewName("missing"));
        await FluentActions.Awaiting(() => missing.ListRegionsAsync()).Should().ThrowAsync<DmDeviceNotFoundException>();
    }

    [Test]
    [Scenario(11)]
    public async Task Precise_timestamps_and_a_histogram_count_every_io_in_nanoseconds()
    {
        // lvm2's dm-stats tests, which use --precise and --bounds, skip drivers before 4.33 (test/shell/dmstats-*.sh: aux driver_at_least 4 33).
        if (await _dm.GetDriverVersionAsync() < new Version(4, 33))
        {
            Assert.Ignore("dm driver before 4.33: lvm2 does not test dm-stats precise timestamps and histograms there either.");
        }

        await using var device = await StatsDevice.CreateAsync(_dm);
        var stats = device.Stats;
        ValueList<ulong> boundaries = [100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL]; // 0.1, 1, 10, 100 ms
        var precise = await stats.CreateRegionAsync(DmStatsRegionSpec.WholeDevice(DmStatsStep.Count(2)) with
        {
            PreciseTimestamps = true, HistogramBoundaries = boundaries, ProgramId = "stsstats", AuxData = "precise",
        });
        var jiffies = await stats.CreateRegionAsync(DmStatsRegionSpec.WholeDevice(DmStatsStep.OneArea) with { HistogramBoundaries = [1UL, 10UL] });
        var region = await stats.GetRegionAsync(precise);
        region.Should().Be(new DmStatsRegion(precise, S(0), DeviceLength, S(16384), "stsstats", "precise", true, boundaries));

        await DirectWriteAsync(device.Node, S(0), 4 * KiB, times: 8);
        await Udev.SettleAsync(); // no probe may still be in flight while the counters are read
        var sample = await stats.SampleAsync(region);
        var coarse = await stats.SampleAsync(await stats.GetRegionAsync(jiffies));

        sample.Areas[0].Counters.Writes.Should().Be(8);
        sample.Areas[0].Histogram.Should().HaveCount(5);
        foreach (var area in sample.Areas)
        {
            area.Histogram!.Aggregate(0UL, (sum, bucket) => sum + bucket).Should().Be(area.Counters.Ios, "every completed I/O falls in one bucket");
        }

        coarse.Histogram.Should().HaveCount(3);
        coarse.Histogram!.Aggregate(0UL, (sum, bucket) => sum + bucket).Should().Be(coarse.Total.Ios);
        var writeNs = sample.Areas[0].Counters.WriteTime;
        TestContext.Out.WriteLine($"8 writes took {writeNs} ns (precise), {coarse.Total.WriteTime} ms (jiffies)");
        writeNs.Should().BeInRange(8 * 1000UL, 8 * 10_000_000_000UL, "8 writes of at least 1 µs and at most 10 s each, counted in nanoseconds");
        sample.Areas[0].Counters.TotalWriteTime.Should().BeGreaterThan(0);
        sample.Areas[0].Counters.IoTime.Should().BeGreaterThanOrEqualTo(sample.Areas[0].Counters.TotalWriteTime,
            "time with any I/O in flight includes the time with a write in flight");
    }

    [Test]
    [Scenario(11)]
    public async Task Sample_io_sample_gives_exact_counts_and_plausible_derived_figures()
    {
        await using var device = await StatsDevice.CreateAsync(_dm);
        var stats = device.Stats;
        var id = await stats.CreateRegionAsync(DmStatsRegionSpec.WholeDevice(DmStatsStep.Count(4)) with { PreciseTimestamps = true });
        var region = await stats.GetRegionAsync(id);

        var before = await stats.SampleAsync(region);
        await DirectWriteAsync(device.Node, S(8192), 64 * KiB, times: 16); // 1 MiB in area 1
        var after = await stats.SampleAsync(region);
        var interval = after.Since(before);

        TestContext.Out.WriteLine($"interval {interval.IntervalNs} ns: {interval.Metrics}");
        (interval.Counters.Writes, interval.Counters.SectorsWritten).Should().Be((16UL, S(2048)));
        interval.Areas[1].Writes.Should().Be(16);
        interval.Areas.Where((_, i) => i != 1).Should().OnlyContain(a => a.Writes == 0);
        var m = interval.Metrics;
        m.WritesPerSecond.Should().BeApproximately(16 * 1e9 / interval.IntervalNs, 1e-6);
        m.WriteBytesPerSecond.Should().BeApproximately(1024.0 * 1024 * 1e9 / interval.IntervalNs, 1e-3);
        m.IosPerSecond.Should().BeGreaterThanOrEqualTo(m.WritesPerSecond);
        m.Utilization.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(1);
        m.AverageWriteWaitNs.Should().BeGreaterThan(0).And.BeLessThan(interval.IntervalNs, "no write outlasts the interval it completed in");
        m.ServiceTimeNs.Should().BeGreaterThan(0);
        m.AverageRequestSize.Should().BeGreaterThan(0);
        interval.AreaMetrics(1).WritesPerSecond.Should().Be(m.WritesPerSecond);

        var cleared = await stats.SampleAsync(region, clear: true);
        await DirectWriteAsync(device.Node, S(0), 4 * KiB, times: 2);
        var sinceClear = (await stats.SampleAsync(region)).SinceCleared(cleared);
        (sinceClear.Counters.Writes, sinceClear.Counters.SectorsWritten).Should().Be((2UL, S(16)));
    }

    [Test]
    public async Task A_print_longer_than_the_first_answer_buffer_comes_back_whole()
    {
        await using var device = await StatsDevice.CreateAsync(_dm);
        var stats = device.Stats;
        // 4096 areas of 8 sectors: about 150 KB of text, beyond libdevmapper's 16 KiB first buffer.
        var id = await stats.CreateRegionAsync(DmStatsRegionSpec.WholeDevice(DmStatsStep.Size(S(8))));

        var areas = await stats.PrintAsync(id);

        areas.Should().HaveCount(4096);
        areas.Select(a => a.Start.Count).Should().Equal(Enumerable.Range(0, 4096).Select(i => i * 8L));
        (await stats.PrintAsync(id, firstArea: 4000, areaCount: 10)).Select(a => a.Start.Count)
            .Should().Equal(Enumerable.Range(4000, 10).Select(i => i * 8L));
        (await stats.PrintAsync(id, firstArea: 4096, areaCount: 1)).Should().BeEmpty("there is no area 4096");
    }

    private static Sectors S(long count) => Sectors.FromCount(count);

    private static async Task ExpectRegionNotFound(Func<Task> action, DmStatsRegionId id)
    {
        var thrown = (await FluentActions.Awaiting(action).Should().ThrowAsync<DmStatsRegionNotFoundException>()).Which;
        thrown.RegionId.Should().Be(id);
        thrown.Errno.Should().Be(Errno.ENOENT);
    }

    /// <summary>A loop device with a linear device over its 16 MiB; removes both, in reverse, on dispose.</summary>
    private sealed class StatsDevice : IAsyncDisposable
    {
        private readonly IDmBackend _dm;
        private readonly LoopDevice _loop;

        private StatsDevice(IDmBackend dm, LoopDevice loop, string name, string node)
        {
            _dm = dm;
            _loop = loop;
            Name = name;
            Node = node;
            Stats = new DmStats(dm, name);
        }

        public string Name { get; }

        public string Node { get; }

        public DmStats Stats { get; }

        public static async Task<StatsDevice> CreateAsync(IDmBackend dm)
        {
            var loop = await LoopDevice.CreateAsync(DeviceLength.ToSize());
            try
            {
                var name = RunContext.Current.NewName("stats");
                var info = await dm.CreateAsync(name, DmTable.OneLine(DeviceLength, new LinearTarget(loop.DeviceNumber, S(0))));
                await Udev.SettleAsync(); // udev's first probe of the new device is over before any region exists
                return new StatsDevice(dm, loop, name, $"/dev/{info.KernelName}");
            }
            catch
            {
                await loop.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            // Teardown has its own bounded time; regions go with the device.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var failures = new List<Exception>();
            try
            {
                if (await _dm.TryGetInfoAsync(Name, timeout.Token) is not null)
                {
                    await _dm.RemoveAsync(Name, attempts: 10, cancellationToken: timeout.Token);
                }
            }
            catch (DmOperationException ex)
            {
                failures.Add(ex);
            }

            try
            {
                await _loop.DisposeAsync();
            }
            catch (Sts.Core.StsException ex)
            {
                failures.Add(ex);
            }

            if (failures.Count > 0)
            {
                throw new AggregateException("The dm-stats test device was not removed cleanly.", failures);
            }
        }
    }

    /// <summary>
    /// O_DIRECT writes through the library's own <see cref="BlockDevice.WriteDirectAsync"/>: one
    /// bio per call, past the page cache, so dm-stats sees exactly the I/O the test made
    /// (buffered writes would reach it as writeback, merged or split).
    /// </summary>
    private static async Task DirectWriteAsync(string node, Sectors at, int length, int times = 1)
    {
        var device = new BlockDevice(node);
        for (var i = 0; i < times; i++)
        {
            await device.WriteDirectAsync(at.ToSize() + Size.FromBytes((long)i * length), System.Security.Cryptography.RandomNumberGenerator.GetBytes(length));
        }
    }

    /// <summary>O_DIRECT reads through <see cref="BlockDevice.ReadDirectAsync"/>: one bio per call.</summary>
    private static async Task DirectReadAsync(string node, Sectors at, int length, int times = 1)
    {
        var device = new BlockDevice(node);
        for (var i = 0; i < times; i++)
        {
            await device.ReadDirectAsync(at.ToSize() + Size.FromBytes((long)i * length), length);
        }
    }
}
