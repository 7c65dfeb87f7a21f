using Sts.Core;
using Sts.Core.Parsing;
using Sts.Core.Units;

namespace Sts.Dm.Parsing;

/// <summary>
/// Reads the space-separated words of one target's table arguments or status, turning every
/// miss into a <see cref="DmParseException"/> that names the target type and the whole text.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly string[] _words;
    private int _position;

    public ArgumentReader(string targetType, string text)
    {
        TargetType = targetType;
        Text = text;
        _words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public string TargetType { get; }

    public string Text { get; }

    public bool AtEnd => _position >= _words.Length;

    public int Remaining => _words.Length - _position;

    public DmParseException Error(string reason, Exception? inner = null) => new(TargetType, Text, reason, inner);

    public string? Peek() => AtEnd ? null : _words[_position];

    public string Next(string what) => AtEnd ? throw Error($"missing {what}") : _words[_position++];

    public void Expect(string word)
    {
        var actual = Next($"'{word}'");
        if (actual != word)
        {
            throw Error($"expected '{word}', found '{actual}'");
        }
    }

    public ulong NextUInt64(string what)
    {
        var word = Next(what);
        return AsciiNumber.TryParseUInt64(word, out var value)
            ? value
            : throw Error($"{what} '{word}' is not a non-negative 64-bit integer");
    }

    public uint NextUInt32(string what)
    {
        var word = Next(what);
        return AsciiNumber.TryParseUInt32(word, out var value)
            ? value
            : throw Error($"{what} '{word}' is not a non-negative 32-bit integer");
    }

    public long NextInt64(string what)
    {
        var word = Next(what);
        return AsciiNumber.TryParseInt64(word, out var value)
            ? value
            : throw Error($"{what} '{word}' is not a 64-bit integer");
    }

    public int NextCount(string what)
    {
        var count = NextUInt32(what);
        return count <= Remaining ? (int)count : throw Error($"{what} is {count} but only {Remaining} words follow");
    }

    public Sectors NextSectors(string what) => Convert(what, Next(what), Sectors.Parse);

    public DeviceReference NextDevice(string what) => Convert(what, Next(what), DeviceReference.Parse);

    public DeviceReference? NextOptionalDevice(string what)
    {
        var word = Next(what);
        return word == "-" ? null : Convert(what, word, DeviceReference.Parse);
    }

    public ThinDeviceId NextThinId(string what) => Convert(what, Next(what), ThinDeviceId.Parse);

    /// <summary>Reads "used/total".</summary>
    public (ulong Used, ulong Total) NextRatio(string what)
    {
        var word = Next(what);
        var slash = word.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && AsciiNumber.TryParseUInt64(word.AsSpan(0, slash), out var used)
            && AsciiNumber.TryParseUInt64(word.AsSpan(slash + 1), out var total))
        {
            return (used, total);
        }

        throw Error($"{what} '{word}' is not 'used/total'");
    }

    /// <summary>Reads "used/total" where both are sector counts (each must fit a <see cref="Sectors"/>).</summary>
    public (Sectors Used, Sectors Total) NextSectorRatio(string what)
    {
        var (used, total) = NextRatio(what);
        return (ToSectors(what, used), ToSectors(what, total));
    }

    /// <summary>A number read as a sector count, or a parse error when it does not fit one.</summary>
    public Sectors ToSectors(string what, ulong value) =>
        value <= long.MaxValue / Sectors.SectorSize
            ? Sectors.FromCount((long)value)
            : throw Error($"{what} {value} is more sectors than fit in 64 bits of bytes");

    /// <summary>Reads a count followed by that many words.</summary>
    public ValueList<string> NextCounted(string what)
    {
        var count = NextCount($"number of {what}");
        return Take(count);
    }

    public ValueList<string> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error($"expected {count} more words, only {Remaining} follow");
        }

        var words = _words.AsSpan(_position, count).ToArray();
        _position += count;
        return new ValueList<string>(words);
    }

    public ValueList<string> Rest() => Take(Remaining);

    public void End()
    {
        if (!AtEnd)
        {
            throw Error($"unexpected '{string.Join(' ', _words[_position..])}' at the end");
        }
    }

    public T Convert<T>(string what, string word, Func<string, T> parse)
    {
        try
        {
            return parse(word);
        }
        catch (StsException e)
        {
            throw Error($"{what} '{word}': {e.Message}", e);
        }
    }

    /// <summary>Runs a parse, wrapping validation failures of the parsed values as parse errors.</summary>
    public static T Run<T>(string targetType, string text, Func<ArgumentReader, T> parse)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new ArgumentReader(targetType, text);
        try
        {
            var result = parse(reader);
            reader.End();
            return result;
        }
        catch (Exception e) when (e is DmValidationException or InvalidSizeException or OverflowException)
        {
            // A value that parses but cannot be held (a size past 2^63 bytes, a sum that
            // overflows) is a parse error like any other: DmParseException is what parsers document.
            throw reader.Error(e.Message, e);
        }
    }
}
