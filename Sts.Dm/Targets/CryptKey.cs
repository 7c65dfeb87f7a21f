using Sts.Core.Parsing;
using System.Globalization;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// A dm-crypt key as a table carries it: hex bytes, a kernel keyring reference
/// ":size:type:description", or "-" for none. <see cref="ToString"/> hides the key material;
/// only the table text reveals it.
/// </summary>
public sealed record CryptKey
{
    private CryptKey(string text) => Text = text;

    /// <summary>The key as the table carries it (secret for hex keys).</summary>
    public string Text { get; }

    /// <summary>True when the key is given as hex bytes in the table.</summary>
    public bool IsHex => Text != "-" && Text[0] != ':';

    /// <summary>No key ("-"), for ciphers that need none.</summary>
    public static CryptKey None { get; } = new("-");

    /// <summary>A key given as bytes.</summary>
    /// <param name="key">The key bytes; at least one.</param>
    /// <returns>The key.</returns>
    /// <exception cref="DmValidationException">The key is empty.</exception>
    public static CryptKey FromBytes(ReadOnlySpan<byte> key)
    {
        Require.That(!key.IsEmpty, "key", "A crypt key cannot be empty; use CryptKey.None.");
        return new CryptKey(Convert.ToHexStringLower(key));
    }

    /// <summary>Reads a table's key word.</summary>
    /// <param name="text">Hex digits (an even number), ":size:type:description", or "-".</param>
    /// <returns>The key.</returns>
    /// <exception cref="DmValidationException">The word is none of these.</exception>
    public static CryptKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "-")
        {
            return None;
        }

        if (text.StartsWith(':'))
        {
            var parts = text.Split(':');
            Require.That(parts.Length >= 4 && AsciiNumber.TryParseUInt32(parts[1], out _)
                && parts[2].Length > 0 && !text.Any(char.IsWhiteSpace),
                "key", "A keyring crypt key must look like ':size:type:description'.");
            return new CryptKey(text);
        }

        Require.That(text.Length > 0 && text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit), "key",
            "A crypt key must be an even number of hex digits, ':size:type:description', or '-'.");
        return new CryptKey(text);
    }

    /// <summary>A description that never shows key bytes.</summary>
    public override string ToString() => IsHex ? $"<hex key, {Text.Length / 2} bytes>" : Text;
}
