using Sts.Core.Host;

namespace Sts.Dm.Errors;

/// <summary>
/// The kernel log from one moment on: opened before a call, read after it, it gives the
/// device-mapper lines the kernel logged meanwhile (a target says why it refused in the log, not in
/// the errno). Without a readable /dev/kmsg (not root, or no such device) it reads nothing.
/// Lines other activity logs at the same moment can appear too: the reason is evidence for a
/// reader, not a value to parse.
/// </summary>
internal sealed class DmKernelLogWindow : IDisposable
{
    private const string Prefix = "device-mapper: ";
    private readonly KernelLogReader? _reader;

    private DmKernelLogWindow(KernelLogReader? reader) => _reader = reader;

    /// <summary>Opens the window at the log's current end.</summary>
    /// <returns>The window; one that reads nothing when the log cannot be read.</returns>
    internal static DmKernelLogWindow Open()
    {
        if (!KernelLog.IsAvailable)
        {
            return new DmKernelLogWindow(null);
        }

        try
        {
            return new DmKernelLogWindow(KernelLogReader.OpenAtEnd());
        }
        catch (IOException)
        {
            return new DmKernelLogWindow(null); // e.g. dmesg_restrict for a non-root reader: no reason, not a failure
        }
    }

    /// <summary>The device-mapper lines the kernel logged since the window opened, joined by " | "; null when none.</summary>
    /// <returns>The lines, or null.</returns>
    internal string? ReadDeviceMapperLines()
    {
        if (_reader is null)
        {
            return null;
        }

        IReadOnlyList<KernelLogRecord> records;
        try
        {
            records = _reader.ReadNew();
        }
        catch (IOException)
        {
            return null;
        }

        var lines = records.Where(record => record.IsFromKernel && record.Message.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(record => record.Message)
            .ToList();
        return lines.Count == 0 ? null : string.Join(" | ", lines);
    }

    public void Dispose() => _reader?.Dispose();
}
