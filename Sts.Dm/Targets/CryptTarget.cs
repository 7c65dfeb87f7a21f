using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// crypt: "cipher key iv_offset device offset [#optional_args args]"
/// (Documentation/admin-guide/device-mapper/dm-crypt.rst). dmsetup prints the key as zeros unless
/// asked with --showkeys; both parse.
/// </summary>
public sealed record CryptTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="cipher">The cipher specification, e.g. aes-xts-plain64 or capi:...</param>
    /// <param name="key">The key.</param>
    /// <param name="ivOffset">Added to the sector number for the IV.</param>
    /// <param name="device">The encrypted device.</param>
    /// <param name="offset">The first sector of encrypted data on it.</param>
    /// <param name="optionalArguments">Optional argument words (allow_discards, sector_size:4096, ...).</param>
    /// <exception cref="DmValidationException">A part is missing or not a word.</exception>
    public CryptTarget(string cipher, CryptKey key, ulong ivOffset, DeviceReference device, Sectors offset, ValueList<string> optionalArguments)
    {
        Cipher = Require.Word(cipher, "cipher");
        Key = Require.NotNull(key, "key");
        IvOffset = ivOffset;
        Device = Require.NotNull(device, "device");
        Offset = offset;
        OptionalArguments = Require.Words(optionalArguments, "optional arguments");
    }

    /// <summary>The cipher specification.</summary>
    public string Cipher { get; }

    /// <summary>The key.</summary>
    public CryptKey Key { get; }

    /// <summary>Added to the sector number for the IV.</summary>
    public ulong IvOffset { get; }

    /// <summary>The encrypted device.</summary>
    public DeviceReference Device { get; }

    /// <summary>The first sector of encrypted data on it.</summary>
    public Sectors Offset { get; }

    /// <summary>Optional argument words.</summary>
    public ValueList<string> OptionalArguments { get; }

    /// <inheritdoc />
    public override string TargetType => "crypt";

    /// <summary>"cipher key iv_offset device offset [#args args]" (the key in clear: a table is secret).</summary>
    public override string FormatArguments() =>
        Words.Join(Cipher, Key.Text, IvOffset, Device, Offset, OptionalArguments.Count == 0 ? null : Words.Counted(OptionalArguments));

    /// <summary>Parses the crypt arguments.</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static CryptTarget Parse(string arguments) =>
        ArgumentReader.Run("crypt", arguments, r => new CryptTarget(
            r.Next("cipher"), r.Convert("key", r.Next("key"), CryptKey.Parse), r.NextUInt64("IV offset"),
            r.NextDevice("device"), r.NextSectors("offset"), r.AtEnd ? [] : r.NextCounted("optional arguments")));
}
