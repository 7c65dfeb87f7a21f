using System.Globalization;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Host;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dmpd.Formats.Reports;
using Sts.Dmpd.Tools;

namespace Sts.Tests.Scenarios.Kit;

/// <summary>
/// The external tools the thin scenarios run: thin-provisioning-tools through Sts.Dmpd's typed
/// wrappers (the selected tools: STS_DMPD_TOOLS, else PATH), dd and blkdiscard as argv commands.
/// </summary>
internal static class ThinTools
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>thin_check on a metadata device (typed outcome and messages).</summary>
    public static async Task<CheckResult> CheckAsync(BlockDevice metadata, bool clearNeedsCheckFlag = false) =>
        await (await ScenarioKit.DmpdAsync()).ThinCheckAsync(new ThinCheckOptions(metadata.Path) { ClearNeedsCheckFlag = clearNeedsCheckFlag });

    /// <summary>thin_dump as XML; from the held metadata snapshot when <paramref name="metadataSnap"/>.</summary>
    public static async Task<string> DumpAsync(BlockDevice metadata, bool metadataSnap = false) =>
        (await (await ScenarioKit.DmpdAsync()).ThinDumpAsync(new ThinDumpOptions(metadata.Path) { MetadataSnapshot = metadataSnap })).StandardOutput;

    /// <summary>thin_restore of an XML dump onto a metadata device.</summary>
    public static async Task RestoreAsync(string xmlFile, BlockDevice metadata) =>
        await (await ScenarioKit.DmpdAsync()).ThinRestoreAsync(new ThinRestoreOptions(xmlFile, metadata.Path));

    /// <summary>thin_ls: mapped blocks per thin device id; from the held metadata snapshot when <paramref name="metadataSnap"/>.</summary>
    public static async Task<IReadOnlyDictionary<uint, ulong>> ListMappedBlocksAsync(BlockDevice metadata, bool metadataSnap)
    {
        var report = await (await ScenarioKit.DmpdAsync()).ThinLsReportAsync(new ThinLsOptions(metadata.Path)
        {
            Fields = [ThinLsField.Dev, ThinLsField.MappedBlocks],
            MetadataSnapshot = metadataSnap,
        });
        return report.Rows.ToDictionary(row => row.Dev!.Value, row => row.MappedBlocks!.Value);
    }

    /// <summary>BLKDISCARD on a byte range of a device (blkdiscard -o OFF -l LEN).</summary>
    public static Task<CommandResult> DiscardAsync(BlockDevice device, Size offset, Size length) =>
        new Command(Sts.Core.Host.Tools.Find("blkdiscard") ?? "blkdiscard")
            .WithArguments("-o", offset.Bytes.ToString(CultureInfo.InvariantCulture), "-l", length.Bytes.ToString(CultureInfo.InvariantCulture), device.Path)
            .WithValidation(CommandValidation.None)
            .WithTimeout(Limit)
            .ExecuteAsync();
}
