namespace Sts.Dmpd.Formats.Cache;

/// <summary>A <c>&lt;hint&gt;</c>: the policy's opaque hint for a cache block, base64 as the tools write it.</summary>
/// <param name="CacheBlock">The cache block the hint belongs to.</param>
/// <param name="Data">The hint bytes in base64, kept as text so a dump writes back identically.</param>
public sealed record CacheHint(ulong CacheBlock, string Data)
{
    /// <summary>The hint bytes.</summary>
    /// <returns>The decoded data.</returns>
    /// <exception cref="FormatException"><see cref="Data"/> is not base64 (it was checked when parsed, so only for hand-made hints).</exception>
    public byte[] DecodeData() => Convert.FromBase64String(Data);
}
