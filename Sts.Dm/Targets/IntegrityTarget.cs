using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// integrity: "device offset tag_size mode #optional_args args" (Documentation/admin-guide/device-mapper/dm-integrity.rst).
/// Optional arguments (journal_sectors:352, internal_hash:crc32c, ...) are kept as words.
/// </summary>
public sealed record IntegrityTarget : DmTarget
{
    private const string ModeLetters = "JBDR";

    /// <summary>Creates the target.</summary>
    /// <param name="device">The device.</param>
    /// <param name="offset">The first sector used on it (reserved sectors).</param>
    /// <param name="tagSize">Bytes of integrity tag per sector.</param>
    /// <param name="mode">Journal, bitmap, direct or recovery.</param>
    /// <param name="optionalArguments">Optional argument words.</param>
    /// <exception cref="DmValidationException">The device is missing or an argument is not a word.</exception>
    public IntegrityTarget(DeviceReference device, Sectors offset, uint tagSize, IntegrityMode mode, ValueList<string> optionalArguments)
    {
        Device = Require.NotNull(device, "device");
        Offset = offset;
        TagSize = tagSize;
        Require.That(Enum.IsDefined(mode), "mode", $"Unknown integrity mode {mode}.");
        Mode = mode;
        OptionalArguments = Require.Words(optionalArguments, "optional arguments");
    }

    /// <summary>The device.</summary>
    public DeviceReference Device { get; }

    /// <summary>The first sector used on it.</summary>
    public Sectors Offset { get; }

    /// <summary>Bytes of integrity tag per sector.</summary>
    public uint TagSize { get; }

    /// <summary>The mode.</summary>
    public IntegrityMode Mode { get; }

    /// <summary>Optional argument words.</summary>
    public ValueList<string> OptionalArguments { get; }

    /// <inheritdoc />
    public override string TargetType => "integrity";

    /// <summary>"device offset tag_size J|B|D|R #args args".</summary>
    public override string FormatArguments() =>
        Words.Join(Device, Offset, TagSize, ModeLetters[(int)Mode].ToString(), Words.Counted(OptionalArguments));

    /// <summary>Parses the integrity arguments.</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static IntegrityTarget Parse(string arguments) =>
        ArgumentReader.Run("integrity", arguments, r =>
        {
            var device = r.NextDevice("device");
            var offset = r.NextSectors("offset");
            var tagSize = r.NextUInt32("tag size");
            var letter = r.Next("mode");
            var mode = letter.Length == 1 && ModeLetters.Contains(letter[0], StringComparison.Ordinal)
                ? (IntegrityMode)ModeLetters.IndexOf(letter[0], StringComparison.Ordinal)
                : throw r.Error($"mode '{letter}' is not J, B, D or R");
            return new IntegrityTarget(device, offset, tagSize, mode, r.NextCounted("optional arguments"));
        });
}
