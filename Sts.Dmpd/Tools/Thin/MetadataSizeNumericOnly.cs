namespace Sts.Dmpd.Tools;

/// <summary>How much of the estimate the *_metadata_size tools print (-n).</summary>
public enum MetadataSizeNumericOnly
{
    /// <summary>No -n: the tool's full sentence.</summary>
    Off,

    /// <summary>-n: the number alone.</summary>
    Number,

    /// <summary>--numeric-only=short: the number and the unit's letter ("2168s").</summary>
    ShortUnit,

    /// <summary>--numeric-only=long: the number and the unit's name ("2168sectors").</summary>
    LongUnit,
}
