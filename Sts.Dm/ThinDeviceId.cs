using System.Globalization;
using Sts.Core.Parsing;

namespace Sts.Dm;

/// <summary>A thin device's id inside its pool: 24 bits, as dm-thin's metadata stores it.</summary>
public readonly record struct ThinDeviceId
{
    /// <summary>The largest id the kernel accepts, 2^24 - 1 (drivers/md/dm-thin-metadata.h).</summary>
    public const uint MaxValue = (1u << 24) - 1;

    /// <summary>Creates an id.</summary>
    /// <param name="value">0 .. 2^24 - 1.</param>
    /// <exception cref="DmValidationException">The value needs more than 24 bits.</exception>
    public ThinDeviceId(uint value)
    {
        if (value > MaxValue)
        {
            throw new DmValidationException("thin device id", $"Thin device id {value} does not fit in 24 bits (max {MaxValue}).");
        }

        Value = value;
    }

    /// <summary>The id.</summary>
    public uint Value { get; }

    /// <summary>Reads a decimal id.</summary>
    /// <param name="text">Digits.</param>
    /// <returns>The id.</returns>
    /// <exception cref="DmValidationException">Not a number, or more than 24 bits.</exception>
    public static ThinDeviceId Parse(string text) =>
        AsciiNumber.TryParseUInt32(text, out var value)
            ? new ThinDeviceId(value)
            : throw new DmValidationException("thin device id", $"'{text}' is not a thin device id.");

    /// <summary>The id in decimal.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
