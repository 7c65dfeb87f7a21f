using System.Globalization;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Host;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dmpd.Formats.Reports;
using Sts.Dmpd.Tools;

namespace Sts.Tests.Scenarios.Thin;

/// <summary>
/// The external tools the thin scenarios run: thin-provisioning-tools through Sts.Dmpd's typed
/// wrappers (the selected tools: STS_DMPD_TOOLS, else PATH), dd and blkdiscard as argv commands.
/// </summary>
internal static class ThinTools
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static readonly Lazy<Task<DmpdToolSet>> ToolSet = new(() => DmpdToolSet.DetectAsync());

    /// <summary>The installed persistent-data tools, detected once.</summary>
    public static Task<DmpdToolSet> DmpdAsync() => ToolSet.Value;

    /// <summary>thin_check on a metadata device (typed outcome and messages).</summary>
    public static async Task<CheckResult> CheckAsync(BlockDevice metadata, bool clearNeedsCheckFlag = false) =>
        await (await DmpdAsync()).ThinCheckAsync(new ThinCheckOptions(metadata.Path) { ClearNeedsCheckFlag = clearNeedsCheckFlag });

    /// <summary>thin_dump as XML; from the held metadata snapshot when <paramref name="metadataSnap"/>.</summary>
    public static async Task<string> DumpAsync(BlockDevice metadata, bool metadataSnap = false) =>
        (await (await DmpdAsync()).ThinDumpAsync(new ThinDumpOptions(metadata.Path) { MetadataSnapshot = metadataSnap })).StandardOutput;

    /// <summary>thin_restore of an XML dump onto a metadata device.</summary>
    public static async Task RestoreAsync(string xmlFile, BlockDevice metadata) =>
        await (await DmpdAsync()).ThinRestoreAsync(new ThinRestoreOptions(xmlFile, metadata.Path));

    /// <summary>thin_ls: mapped blocks per thin device id; from the held metadata snapshot when <paramref name="metadataSnap"/>.</summary>
    public static async Task<IReadOnlyDictionary<uint, ulong>> ListMappedBlocksAsync(BlockDevice metadata, bool metadataSnap)
    {
        var report = await (await DmpdAsync()).ThinLsReportAsync(new ThinLsOptions(metadata.Path)
        {
            Fields = [ThinLsField.Dev, ThinLsField.MappedBlocks],
            MetadataSnapshot = metadataSnap,
        });
        return report.Rows.ToDictionary(row => row.Dev!.Value, row => row.MappedBlocks!.Value);
    }

    /// <summary>
    /// Writes bytes with O_DIRECT (dd oflag=direct), so a failing write fails the write call
    /// itself. Through the page cache the pool's EIO was only logged by the kernel ("lost async
    /// page write") and the fsync that followed reported success (6.1, seen in the lab VM).
    /// </summary>
    /// <param name="device">Where to write.</param>
    /// <param name="offset">A multiple of 64 KiB.</param>
    /// <param name="data">A multiple of 64 KiB.</param>
    /// <param name="cancellationToken">Kills dd.</param>
    /// <returns>dd's result: a failed write is a non-zero exit with the errno's text on stderr.</returns>
    public static async Task<CommandResult> WriteDirectAsync(BlockDevice device, Size offset, byte[] data, CancellationToken cancellationToken = default)
    {
        const int BlockBytes = 64 * 1024;
        if (offset.Bytes % BlockBytes != 0 || data.Length % BlockBytes != 0)
        {
            throw new ArgumentException("Direct writes here are whole 64 KiB blocks.", nameof(offset));
        }

        var source = Path.Combine(RunContext.Current.WorkDirectory, $"dd-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(source, data, cancellationToken);
        try
        {
            return await new Command(Sts.Core.Host.Tools.Find("dd") ?? "dd")
                .WithArguments($"if={source}", $"of={device.Path}", $"bs={BlockBytes}",
                    $"seek={(offset.Bytes / BlockBytes).ToString(CultureInfo.InvariantCulture)}", "oflag=direct", "status=none")
                .WithValidation(CommandValidation.None)
                .WithTimeout(Limit)
                .ExecuteAsync(cancellationToken: cancellationToken);
        }
        finally
        {
            File.Delete(source);
        }
    }

    /// <summary>BLKDISCARD on a byte range of a device (blkdiscard -o OFF -l LEN).</summary>
    public static Task<CommandResult> DiscardAsync(BlockDevice device, Size offset, Size length) =>
        new Command(Sts.Core.Host.Tools.Find("blkdiscard") ?? "blkdiscard")
            .WithArguments("-o", offset.Bytes.ToString(CultureInfo.InvariantCulture), "-l", length.Bytes.ToString(CultureInfo.InvariantCulture), device.Path)
            .WithValidation(CommandValidation.None)
            .WithTimeout(Limit)
            .ExecuteAsync();
}
