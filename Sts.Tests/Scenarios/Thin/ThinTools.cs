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
/// The external tools the thin scenarios run (thin-provisioning-tools, blkdiscard), as argv
/// commands. Kept in one place so the typed Sts.Dmpd wrappers can replace them in one edit.
/// </summary>
internal static class ThinTools
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Runs a tool and returns its result whatever the exit code.</summary>
    public static Task<CommandResult> RunAsync(string tool, params string[] arguments) => ScenarioTools.RunAsync(tool, arguments);

    /// <summary>Runs a tool that must succeed and returns its standard output.</summary>
    public static async Task<string> RunCheckedAsync(string tool, params string[] arguments)
    {
        var result = await RunAsync(tool, arguments);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"`{result.Command}` failed (exit {result.ExitCode}): {result.StandardError}{result.StandardOutput}");
        }

        return result.StandardOutput;
    }

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

    /// <summary>BLKDISCARD on a byte range of a device (blkdiscard -o OFF -l LEN).</summary>
    public static Task<CommandResult> DiscardAsync(BlockDevice device, Size offset, Size length) =>
        RunAsync("blkdiscard", "-o", offset.Bytes.ToString(CultureInfo.InvariantCulture), "-l", length.Bytes.ToString(CultureInfo.InvariantCulture), device.Path);
}
