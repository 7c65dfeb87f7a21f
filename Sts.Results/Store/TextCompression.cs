using System.IO.Compression;
using System.Text;

namespace Sts.Results.Store;

/// <summary>Logs and diagnostics are stored gzip-compressed UTF-8: they are large and compress well.</summary>
internal static class TextCompression
{
    public static byte[]? Compress(string? text)
    {
        if (text is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    public static string? Decompress(byte[]? data)
    {
        if (data is null)
        {
            return null;
        }

        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
