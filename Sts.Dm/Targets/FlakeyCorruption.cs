using System.Globalization;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>flakey's corrupt_bio_byte feature: set the Nth byte of matching bios to a value while down.</summary>
public sealed record FlakeyCorruption
{
    /// <summary>Creates the feature.</summary>
    /// <param name="nthByte">The byte to corrupt, counting from 1.</param>
    /// <param name="direction">Reads or writes.</param>
    /// <param name="value">The value written into that byte.</param>
    /// <param name="bioFlags">Only bios with all these REQ_ flags set are corrupted (0: all).</param>
    /// <exception cref="DmValidationException">The byte number is 0.</exception>
    public FlakeyCorruption(uint nthByte, FlakeyDirection direction, byte value, uint bioFlags)
    {
        Require.That(nthByte > 0, "corrupt_bio_byte", "flakey's corrupt_bio_byte counts bytes from 1.");
        NthByte = nthByte;
        Direction = direction;
        Value = value;
        BioFlags = bioFlags;
    }

    /// <summary>The byte to corrupt, counting from 1.</summary>
    public uint NthByte { get; }

    /// <summary>Reads or writes.</summary>
    public FlakeyDirection Direction { get; }

    /// <summary>The value written into the byte.</summary>
    public byte Value { get; }

    /// <summary>The REQ_ flags a bio must carry to be corrupted.</summary>
    public uint BioFlags { get; }

    /// <summary>"corrupt_bio_byte N r|w value flags".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"corrupt_bio_byte {NthByte} {(Direction == FlakeyDirection.Read ? 'r' : 'w')} {Value} {BioFlags}");

    internal static FlakeyCorruption Read(ArgumentReader r)
    {
        var nth = r.NextUInt32("corrupt byte");
        var direction = r.Next("direction") switch
        {
            "r" => FlakeyDirection.Read,
            "w" => FlakeyDirection.Write,
            var other => throw r.Error($"corrupt_bio_byte direction '{other}' is not r or w"),
        };
        var value = r.NextUInt32("corrupt value");
        var flags = r.NextUInt32("bio flags");
        return value <= byte.MaxValue
            ? new FlakeyCorruption(nth, direction, (byte)value, flags)
            : throw r.Error($"corrupt_bio_byte value {value} is not a byte");
    }
}
