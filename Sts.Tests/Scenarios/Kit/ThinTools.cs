using System.Globalization;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Dmpd.Formats.Reports;
using Sts.Dmpd.Tools;
using Sts.Fixtures.Stacks;

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

    /// <summary>thin_ls: mapped, exclusive and shared data blocks per thin device id; from the held metadata snapshot when <paramref name="metadataSnap"/>.</summary>
    public static async Task<IReadOnlyDictionary<uint, ThinUsage>> ListUsageAsync(BlockDevice metadata, bool metadataSnap)
    {
        var report = await (await ScenarioKit.DmpdAsync()).ThinLsReportAsync(new ThinLsOptions(metadata.Path)
        {
            Fields = [ThinLsField.Dev, ThinLsField.MappedBlocks, ThinLsField.ExclusiveBlocks, ThinLsField.SharedBlocks],
            MetadataSnapshot = metadataSnap,
            NoHeaders = true,
        });
        return report.Rows.ToDictionary(row => row.Dev!.Value, row => new ThinUsage(row.MappedBlocks!.Value, row.ExclusiveBlocks!.Value, row.SharedBlocks!.Value));
    }

    /// <summary>
    /// thin_dump into an XML file in the run's work directory (deleted at the stack's teardown),
    /// e.g. to restore it after the metadata was wiped.
    /// </summary>
    /// <returns>The file's path.</returns>
    public static async Task<string> DumpToFileAsync(BlockDevice metadata, DeviceStack stack)
    {
        var xml = Path.Combine(stack.Run.WorkDirectory, $"thin-dump-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(xml, await DumpAsync(metadata));
        stack.Defer($"delete {xml}", _ =>
        {
            File.Delete(xml);
            return Task.CompletedTask;
        });
        return xml;
    }

    /// <summary>BLKDISCARD on a byte range of a device (blkdiscard -o OFF -l LEN).</summary>
    public static Task<CommandResult> DiscardAsync(BlockDevice device, Size offset, Size length) =>
        new Command(Sts.Core.Host.Tools.Find("blkdiscard") ?? "blkdiscard")
            .WithArguments("-o", offset.Bytes.ToString(CultureInfo.InvariantCulture), "-l", length.Bytes.ToString(CultureInfo.InvariantCulture), device.Path)
            .WithValidation(CommandValidation.None)
            .WithTimeout(Limit)
            .ExecuteAsync();
}

