using System.Buffers;
using System.Text;

namespace Sts.Core.Commands;

/// <summary>
/// Collects one output pipe of a running process. A snapshot can be taken at any time, so a
/// killed command still reports what it wrote, and a pipe held open by an escaped grandchild
/// cannot hold the result hostage.
/// </summary>
internal sealed class OutputBuffer
{
    private readonly ArrayBufferWriter<byte> _bytes = new();
    private readonly Lock _lock = new();

    internal Task PumpAsync(Stream source) => Task.Run(async () =>
    {
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await source.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                lock (_lock)
                {
                    _bytes.Write(chunk.AsSpan(0, read));
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The process object was disposed while a grandchild still held the pipe.
        }
        catch (IOException)
        {
        }
    });

    internal string Text
    {
        get
        {
            lock (_lock)
            {
                return Encoding.UTF8.GetString(_bytes.WrittenSpan);
            }
        }
    }
}
