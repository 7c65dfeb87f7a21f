using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Units;
using Sts.Dmpd.Formats.Reports;
using Sts.Dmpd.Tools;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using Sts.Tests.Scenarios.Kit;
using static Sts.Tests.Scenarios.Kit.ScenarioKit;

namespace Sts.Tests.Scenarios.PersistentData;

/// <summary>
/// Catalog scenarios 51–54, the live-pool part: what thin-provisioning-tools say about metadata
/// the kernel wrote, checked against the kernel's own status and the data devices.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresDmpdTool("thin_check")]
[RequiresDmpdTool("cache_check")]
[RequiresDmpdTool("thin_metadata_size")]
[RequiresDmpdTool("cache_metadata_size")]
[RequiresDmpdTool("thin_ls")]
[RequiresDmpdTool("thin_delta")]
[RequiresDmpdTool("thin_trim")]
public sealed class LivePoolToolTests
{
    private static readonly Sectors BlockSize = Block.ToSectors(); // the kit's 64 KiB data block

    [Test]
    [Scenario(51)]
    public async Task Thin_metadata_size_follows_its_generations_estimate_and_a_pool_of_that_geometry_maps_every_block()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var poolSize = Size.FromMiB(32);
        var tools = await DmpdAsync();
        var estimate = (await tools.EstimateThinMetadataSizeAsync(Block, poolSize, maxThins: 1, timeout.Token)).ToSize();
        var dataBlocks = poolSize.Bytes / Block.Bytes;

        if (tools.Generation == DmpdGeneration.Cpp)
        {
            // thin-provisioning.rst: "48 * $data_dev_size / $data_block_size but round it up to 2MB if the answer is smaller".
            estimate.Bytes.Should().Be(48 * dataBlocks, "thin_metadata_size 0.9 follows the documented estimate");
        }
        else
        {
            // 1.x counts 4 KiB metadata blocks instead (metadata_size in src/thin/metadata_size.rs):
            // the superblock, mapping leaves at half of their 252 entries, and one root per thin.
            estimate.Bytes.Should().Be(4096 * (1 + (dataBlocks + 125) / 126 + 1), "thin_metadata_size 1.x counts whole metadata blocks");
        }

        var metadataSize = estimate < Size.FromMiB(2) ? Size.FromMiB(2) : estimate;

        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = poolSize, MetadataSize = metadataSize, BlockSize = BlockSize }, timeout.Token);
        var thin = await pool.CreateThinAsync(poolSize, timeout.Token);
        var chunk = RandomNumberGenerator.GetBytes(4 << 20);
        for (var at = Size.Zero; at < poolSize; at += Size.FromBytes(chunk.Length))
        {
            await thin.WriteAsync(at, chunk, timeout.Token);
        }

        var full = await pool.StatusAsync(cancellationToken: timeout.Token);
        TestContext.Out.WriteLine($"estimate {estimate.Bytes} B, metadata device {metadataSize.Bytes} B, pool {full.Format()}");
        full.TotalDataBlocks.Should().Be((ulong)dataBlocks, "the kernel counts the same data blocks");
        full.TotalMetadataBlocks.Should().Be((ulong)(metadataSize.Bytes / 4096), "the kernel's metadata total is the device in 4 KiB blocks");
        full.UsedDataBlocks.Should().Be(full.TotalDataBlocks, "every data block is mapped");
        full.UsedMetadataBlocks.Should().BeLessThanOrEqualTo(full.TotalMetadataBlocks!.Value);
        full.Mode.Should().Be(Sts.Dm.Status.ThinPoolMode.ReadWrite, "the recommended metadata size holds a fully mapped pool");
    }

    [Test]
    [Scenario(51)]
    public async Task Cache_metadata_size_answer_holds_the_kernel_s_metadata_for_the_same_cache_geometry()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var fastSize = Size.FromMiB(8);
        var estimate = await (await DmpdAsync()).EstimateCacheMetadataSizeAsync(Block, fastSize, maxHintWidth: 4, timeout.Token);

        await using var stack = new DeviceStack();
        var cache = await stack.CacheAsync(new CacheOptions
        {
            OriginSize = Size.FromMiB(32),
            CacheSize = fastSize,
            MetadataSize = estimate.ToSize(),
            BlockSize = BlockSize,
        }, timeout.Token);
        var status = await cache.StatusAsync(cancellationToken: timeout.Token);

        TestContext.Out.WriteLine($"estimate {estimate} sectors; cache {status.Format()}");
        status.TotalCacheBlocks.Should().Be((ulong)(fastSize.Bytes / Block.Bytes), "the kernel counts the same cache blocks");
        status.TotalMetadataBlocks.Should().Be((ulong)(estimate.ToSize().Bytes / 4096), "the kernel uses the estimate in whole 4 KiB metadata blocks");
        // dm-cache sizes its mapping and hint arrays for every cache block when it formats.
        status.UsedMetadataBlocks.Should().BeLessThanOrEqualTo(status.TotalMetadataBlocks);
        status.MetadataReadOnly.Should().BeFalse();
    }

    [Test]
    [Scenario(52)]
    public async Task Thin_ls_on_a_live_pool_with_a_metadata_snapshot_agrees_with_the_kernel_on_mapped_exclusive_and_shared_blocks()
    {
        using var deadline = Deadline(120);
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(SmallPool, deadline.Token);
        var origin = await pool.CreateThinAsync(Size.FromMiB(16), deadline.Token);
        await WriteBlocksAsync(origin, [0, 1, 2, 3, 4, 5, 6, 7], deadline.Token);
        var snapshot = await pool.CreateSnapshotAsync(origin, cancellationToken: deadline.Token);
        await WriteBlocksAsync(origin, [2, 5], deadline.Token); // breaks sharing of two blocks
        await WriteBlocksAsync(snapshot, [3, 12], deadline.Token); // breaks one more, maps one new

        IReadOnlyDictionary<uint, ThinUsage> listed;
        await using (await pool.ReserveMetadataSnapAsync(deadline.Token))
        {
            listed = await ThinTools.ListUsageAsync(pool.Metadata, metadataSnap: true);
        }

        listed.Keys.Should().BeEquivalentTo([origin.Id.Value, snapshot.Id.Value], "thin_ls lists every thin of the pool");
        (await origin.StatusAsync(deadline.Token)).MappedSectors.ToSize().Should().Be(Block * (long)listed[origin.Id.Value].Mapped, "thin_ls and the kernel agree on the origin's mapping");
        (await snapshot.StatusAsync(deadline.Token)).MappedSectors.ToSize().Should().Be(Block * (long)listed[snapshot.Id.Value].Mapped, "and on the snapshot's");
        // Origin: 2 and 5 rewritten (new blocks), 3 left to it alone when the snapshot rewrote its copy; 0,1,4,6,7 still shared.
        listed[origin.Id.Value].Should().Be(new ThinUsage(Mapped: 8, Exclusive: 3, Shared: 5));
        // Snapshot: its own 3 and 12, plus the old 2 and 5 the origin no longer maps; the same 5 shared.
        listed[snapshot.Id.Value].Should().Be(new ThinUsage(Mapped: 9, Exclusive: 4, Shared: 5));
        (await pool.StatusAsync(cancellationToken: deadline.Token)).UsedDataBlocks.Should()
            .Be(listed[origin.Id.Value].Exclusive + listed[snapshot.Id.Value].Exclusive + listed[origin.Id.Value].Shared, "exclusive plus shared blocks are every used data block");
    }

    [Test]
    [Scenario(53)]
    public async Task Thin_delta_between_a_snapshot_and_its_origin_reports_exactly_the_blocks_written_after_the_snapshot()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(32), MetadataSize = Size.FromMiB(4), BlockSize = BlockSize }, timeout.Token);
        var origin = await pool.CreateThinAsync(Size.FromMiB(16), timeout.Token);
        await WriteBlocksAsync(origin, [0, 1, 2, 3, 4, 5, 6, 7], timeout.Token);
        var snapshot = await pool.CreateSnapshotAsync(origin, activate: false, cancellationToken: timeout.Token);
        ulong[] writtenAfter = [2, 5, 9, 10];
        await WriteBlocksAsync(origin, writtenAfter, timeout.Token);

        ThinDeltaReport delta;
        await using (await pool.ReserveMetadataSnapAsync(timeout.Token))
        {
            delta = await (await DmpdAsync()).ThinDeltaReportAsync(new ThinDeltaOptions(pool.Metadata.Path)
            {
                MetadataSnapshot = true,
                Thin1 = snapshot.Id.Value,
                Thin2 = origin.Id.Value,
            }, timeout.Token);
        }

        var changed = delta.Ranges.Where(r => r.Kind != ThinDeltaKind.Same)
            .SelectMany(r => Enumerable.Range(0, (int)r.Length).Select(i => r.Begin + (ulong)i))
            .Order().ToList();
        changed.Should().Equal(writtenAfter, "the origin differs from its snapshot exactly where it was written afterwards");
    }

    [Test]
    [Scenario(54)]
    // 1.x is fixed (passes with 1.1.0 in the lab VM): trim_data_device in src/thin/trim.rs discards
    // the gaps between used ranges whose ends are exclusive, and the tail from the last one's end.
    [KnownToolIssue("thin_trim 0.9 also discards the highest mapped data block: trim_iterator::complete in thin-provisioning/thin_trim.cc emits the last free range from the last used block, not one past it", "thin_trim", "1.0")]
    public async Task Thin_trim_on_an_inactive_pool_discards_the_data_blocks_no_thin_maps()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4), BlockSize = BlockSize }, timeout.Token);
        var kept = await pool.CreateThinAsync(Size.FromMiB(8), timeout.Token);
        var deleted = await pool.CreateThinAsync(Size.FromMiB(8), timeout.Token);
        var keptBlocks = await WriteBlocksAsync(kept, [0, 1, 2, 3], timeout.Token);
        var deletedBlocks = await WriteBlocksAsync(deleted, [0, 1, 2, 3], timeout.Token);
        await pool.DeleteAsync(deleted, timeout.Token); // its data blocks are free, their old contents still on the data device
        await kept.Active.RemoveAsync(cancellationToken: timeout.Token);
        await pool.Device.RemoveAsync(cancellationToken: timeout.Token);
        var dataLength = (int)pool.Data.Size.Bytes;

        pool.Data.FlushBuffers();
        var beforeTrim = await pool.Data.ReadAsync(Size.Zero, dataLength, timeout.Token);
        await (await DmpdAsync()).ThinTrimAsync(new ThinTrimOptions(pool.Metadata.Path, pool.Data.Path), timeout.Token);
        pool.Data.FlushBuffers();
        var afterTrim = await pool.Data.ReadAsync(Size.Zero, dataLength, timeout.Token);

        TestContext.Out.WriteLine($"zero blocks on the data device: {Blocks(beforeTrim).Count(IsZero)} before thin_trim, {Blocks(afterTrim).Count(IsZero)} after, of {Blocks(afterTrim).Count()}");
        keptBlocks.Should().OnlyContain(b => ContainsBlock(beforeTrim, b), "the kept thin's data is on the data device");
        TestContext.Out.WriteLine("data blocks holding the kept thin's data before the trim: " + string.Join(",", keptBlocks.Select(b => IndexOfBlock(beforeTrim, b)))
            + "; after: " + string.Join(",", keptBlocks.Select(b => IndexOfBlock(afterTrim, b)))
            + "; the deleted thin's before: " + string.Join(",", deletedBlocks.Select(b => IndexOfBlock(beforeTrim, b))));
        deletedBlocks.Should().OnlyContain(b => ContainsBlock(beforeTrim, b), "before the trim the freed blocks still hold the deleted thin's data");
        keptBlocks.Should().OnlyContain(b => ContainsBlock(afterTrim, b), "blocks a thin maps are untouched");
        deletedBlocks.Should().NotContain(b => ContainsBlock(afterTrim, b), "thin_trim discarded every unused data block (the loop device punches holes: zeros)");
        Blocks(afterTrim).Count(IsZero).Should().Be(Blocks(afterTrim).Count() - keptBlocks.Count, "every block but the mapped ones reads as zeros after the trim");
    }

    [Test]
    [RequiresDmpdTool("thin_migrate")]
    public async Task Thin_migrate_copies_a_read_only_snapshot_of_a_live_pool_to_a_file()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var pool = await stack.ThinPoolAsync(new ThinPoolOptions { DataSize = Size.FromMiB(32), MetadataSize = Size.FromMiB(4), BlockSize = BlockSize }, timeout.Token);
        var thinSize = Size.FromMiB(4);
        var origin = await pool.CreateThinAsync(thinSize, timeout.Token);
        var written = await WriteBlocksAsync(origin, [0, 3, 7], timeout.Token);
        var snapshot = await pool.CreateSnapshotAsync(origin, activate: false, cancellationToken: timeout.Token);
        await WriteBlocksAsync(origin, [3], timeout.Token); // after the snapshot: not in the copy
        // thin_migrate wants the source's table loaded read-only (open_source in src/thin/migrate/base.rs).
        var source = await stack.CreateAsync("migrate-src",
            Sts.Dm.Tables.DmTable.Parse($"0 {thinSize.ToSectors().Count} thin {pool.Device.DeviceNumber} {snapshot.Id}"), readOnly: true, timeout.Token);
        var copy = Path.Combine(stack.Run.WorkDirectory, $"migrated-{Guid.NewGuid():N}.bin");

        await using (await pool.ReserveMetadataSnapAsync(timeout.Token))
        {
            await (await DmpdAsync()).ThinMigrateAsync(new ThinMigrateOptions(source.Path) { DestinationFile = copy, Quiet = true }, timeout.Token);
        }

        var bytes = await File.ReadAllBytesAsync(copy, timeout.Token);
        bytes.Length.Should().Be((int)thinSize.Bytes, "the copy has the source's size");
        Blocks(bytes).ElementAt(0).ToArray().Should().Equal(written[0]);
        Blocks(bytes).ElementAt(3).ToArray().Should().Equal(written[1], "the snapshot holds block 3 as it was before the origin rewrote it");
        Blocks(bytes).ElementAt(7).ToArray().Should().Equal(written[2]);
        Blocks(bytes).Where((_, i) => i is not (0 or 3 or 7)).Should().OnlyContain(b => IsZero(b), "unprovisioned blocks read as zeros");
    }

    /// <summary>Writes a distinct random 64 KiB pattern to each given block of a thin and returns the patterns.</summary>
    private static async Task<List<byte[]>> WriteBlocksAsync(ThinVolume thin, ulong[] blocks, CancellationToken cancellationToken)
    {
        var patterns = new List<byte[]>();
        foreach (var b in blocks)
        {
            var pattern = RandomNumberGenerator.GetBytes((int)Block.Bytes);
            await thin.WriteAsync(Block * (long)b, pattern, cancellationToken);
            patterns.Add(pattern);
        }

        return patterns;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Blocks(byte[] device)
    {
        for (var at = 0; at + Block.Bytes <= device.Length; at += (int)Block.Bytes)
        {
            yield return device.AsMemory(at, (int)Block.Bytes);
        }
    }

    private static bool ContainsBlock(byte[] device, byte[] pattern) => Blocks(device).Any(b => b.Span.SequenceEqual(pattern));

    private static int IndexOfBlock(byte[] device, byte[] pattern) =>
        Blocks(device).Select((b, i) => (b, i)).Where(x => x.b.Span.SequenceEqual(pattern)).Select(x => x.i).DefaultIfEmpty(-1).First();

    private static bool IsZero(ReadOnlyMemory<byte> block) => !block.Span.ContainsAnyExcept((byte)0);

}
