using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Units;
using Sts.Dm.Messages;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Scenarios.Era;

/// <summary>
/// Catalog scenarios 39–42: dm-era write tracking against the real kernel and the era tools
/// (Documentation/admin-guide/device-mapper/era.rst).
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresTool("era_check")]
[RequiresTool("era_invalidate")]
[RequiresTool("era_dump")]
[RequiresTool("era_restore")]
public sealed class EraTests
{
    private static readonly EraOptions Small = new() { OriginSize = Size.FromMiB(16), MetadataSize = Size.FromMiB(4) };

    /// <summary>Era blocks touched by the tests: the first 16 (64 KiB each).</summary>
    private const int Blocks = 16;

    [Test]
    [Scenario(39)]
    public async Task Era_invalidate_written_since_a_checkpoint_reports_exactly_the_blocks_written_after_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var era = await stack.EraAsync(Small, timeout.Token);
        var (since, written) = await WriteOddThenCheckpointThenEvenAsync(era, timeout.Token);

        var invalidated = await InvalidatedLiveAsync(era, since, timeout.Token);

        invalidated.Should().Equal(written, "exactly the even blocks were written since era {0}; the odd ones before it", since);
    }

    [Test]
    [Scenario(40)]
    public async Task Era_dump_restore_gives_metadata_the_kernel_reactivates_with_unchanged_invalidation_results()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var era = await stack.EraAsync(Small, timeout.Token);
        var (since, written) = await WriteOddThenCheckpointThenEvenAsync(era, timeout.Token);
        var before = await InvalidatedLiveAsync(era, since, timeout.Token);
        var eraBefore = (await era.StatusAsync(timeout.Token)).CurrentEra;
        await era.Device.RemoveAsync(cancellationToken: timeout.Token);

        var dump = await RunToolAsync("era_dump", era.Metadata.Path);
        dump.IsSuccess.Should().BeTrue(dump.StandardError);
        var xml = Path.Combine(stack.Run.WorkDirectory, $"era-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(xml, dump.StandardOutput, timeout.Token);
        var restoredMetadata = await stack.LoopAsync(Small.MetadataSize, cancellationToken: timeout.Token);
        // era_restore 0.9.0 refuses a block device as output ("Not a regular file"): restore into
        // the loop device's backing file, which the kernel then reads through the loop device.
        var restore = await RunToolAsync("era_restore", "-i", xml, "-o", restoredMetadata.BackingFile);
        restore.IsSuccess.Should().BeTrue(restore.StandardError);
        restoredMetadata.FlushBuffers();

        var reactivated = await stack.EraAsync(Small with { OriginDevice = stack.Admit(era.Origin), MetadataDevice = stack.Admit(restoredMetadata), KeepMetadata = true }, timeout.Token);
        var status = await reactivated.StatusAsync(timeout.Token);
        var after = await InvalidatedLiveAsync(reactivated, since, timeout.Token);

        before.Should().Equal(written);
        status.CurrentEra.Should().BeGreaterThanOrEqualTo(eraBefore, "the restored metadata carries the era counter");
        after.Should().Equal(before, "restored metadata answers the same invalidation query");
    }

    [Test]
    [Scenario(41)]
    public async Task Data_written_through_era_reads_back_through_the_origin_and_the_other_way_across_reloads()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = new DeviceStack();
        var era = await stack.EraAsync(Small, timeout.Token);
        var throughEra = RandomNumberGenerator.GetBytes(256 * 1024);
        var throughOrigin = RandomNumberGenerator.GetBytes(256 * 1024);
        var eraOffset = Size.FromMiB(1);
        var originOffset = Size.FromMiB(5);

        await era.Device.WriteAsync(eraOffset, throughEra, timeout.Token);
        era.Origin.FlushBuffers();
        (await era.Origin.ReadAsync(eraOffset, throughEra.Length, timeout.Token)).Should().Equal(throughEra, "era maps the origin one to one");

        await era.Device.SuspendAsync(cancellationToken: timeout.Token);
        await era.Origin.WriteAsync(originOffset, throughOrigin, timeout.Token); // behind era's back, while it is quiesced
        await era.Device.ReloadAsync(era.Table, cancellationToken: timeout.Token); // load; resume swaps the new table in
        era.Device.Block.FlushBuffers();
        (await era.Device.ReadAsync(originOffset, throughOrigin.Length, timeout.Token)).Should().Equal(throughOrigin);
        (await era.Device.ReadAsync(eraOffset, throughEra.Length, timeout.Token)).Should().Equal(throughEra, "a reload loses nothing");

        await era.Device.RemoveAsync(cancellationToken: timeout.Token);
        var again = await stack.EraAsync(Small with { OriginDevice = stack.Admit(era.Origin), MetadataDevice = stack.Admit(era.Metadata), KeepMetadata = true }, timeout.Token);
        again.Device.Block.FlushBuffers();
        (await again.Device.ReadAsync(eraOffset, throughEra.Length, timeout.Token)).Should().Equal(throughEra, "data survives a new era device on the same metadata");
        (await again.Device.ReadAsync(originOffset, throughOrigin.Length, timeout.Token)).Should().Equal(throughOrigin);
    }

    [Test]
    [Scenario(42)]
    public async Task Era_teardown_runs_era_check_and_reports_damaged_metadata()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stack = new DeviceStack();
        await using (stack)
        {
            var era = await stack.EraAsync(Small, timeout.Token);
            await era.Device.RemoveAsync(cancellationToken: timeout.Token);
            await era.Metadata.WriteAsync(Size.Zero, new byte[4096], timeout.Token); // wipe the superblock

            var teardown = () => stack.DisposeAsync().AsTask();

            var failed = (await teardown.Should().ThrowAsync<StackTeardownException>()).Which;
            failed.Failures.Should().ContainSingle("only the metadata check can fail").Which.Step.Should().StartWith("era_check ");
            failed.Failures[0].Error.Should().BeOfType<MetadataCheckFailedException>()
                .Which.Check.Outcome.Should().NotBe(Sts.Dmpd.Tools.CheckOutcome.Clean);
        }
    }

    /// <summary>
    /// Writes the odd blocks, checkpoints, then writes the even blocks.
    /// Returns the era the even writes belong to and the even block numbers.
    /// </summary>
    private static async Task<(uint Since, IReadOnlyList<ulong> Written)> WriteOddThenCheckpointThenEvenAsync(EraStack era, CancellationToken cancellationToken)
    {
        var block = era.Options.BlockSize.ToSize();
        for (var b = 1; b < Blocks; b += 2)
        {
            await era.Device.WriteAsync(block * b, RandomNumberGenerator.GetBytes(4096), cancellationToken);
        }

        var previous = await era.CheckpointAsync(cancellationToken);
        var since = (await era.StatusAsync(cancellationToken)).CurrentEra;
        since.Should().Be(previous + 1, "checkpoint starts a new era");
        var written = new List<ulong>();
        for (var b = 0; b < Blocks; b += 2)
        {
            await era.Device.WriteAsync(block * b, RandomNumberGenerator.GetBytes(4096), cancellationToken);
            written.Add((ulong)b);
        }

        return (since, written);
    }

    /// <summary>era_invalidate on the live device, through a metadata snapshot (era.rst: take_metadata_snap, then the tool, then drop_metadata_snap).</summary>
    private static async Task<IReadOnlyList<ulong>> InvalidatedLiveAsync(EraStack era, uint since, CancellationToken cancellationToken)
    {
        await era.Device.MessageAsync(EraMessages.TakeMetadataSnap, cancellationToken: cancellationToken);
        try
        {
            var held = await era.StatusAsync(cancellationToken);
            held.HeldMetadataRoot.Should().NotBeNull("the status shows the held metadata snapshot");
            var result = await RunToolAsync("era_invalidate", "--metadata-snapshot", "--written-since",
                since.ToString(CultureInfo.InvariantCulture), era.Metadata.Path);
            result.IsSuccess.Should().BeTrue(result.StandardError);
            TestContext.Out.WriteLine(result.StandardOutput);
            return ParseBlocks(result.StandardOutput);
        }
        finally
        {
            await era.Device.MessageAsync(EraMessages.DropMetadataSnap, cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>era_invalidate's XML: &lt;blocks&gt; of &lt;block block="n"/&gt; and &lt;range begin="b" end="e"/&gt; (end exclusive).</summary>
    private static List<ulong> ParseBlocks(string xml)
    {
        var blocks = new List<ulong>();
        foreach (var element in XDocument.Parse(xml).Root!.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "block":
                    blocks.Add(ulong.Parse((string)element.Attribute("block")!, CultureInfo.InvariantCulture));
                    break;
                case "range":
                    var begin = ulong.Parse((string)element.Attribute("begin")!, CultureInfo.InvariantCulture);
                    var end = ulong.Parse((string)element.Attribute("end")!, CultureInfo.InvariantCulture);
                    for (var b = begin; b < end; b++)
                    {
                        blocks.Add(b);
                    }

                    break;
                default:
                    Assert.Fail($"unexpected element in era_invalidate output: {element}");
                    break;
            }
        }

        blocks.Sort();
        return blocks;
    }

    /// <summary>The one place this file runs a persistent-data tool.</summary>
    private static Task<CommandResult> RunToolAsync(string tool, params string[] arguments) => ScenarioTools.RunAsync(tool, arguments);
}
