namespace Sts.Dmpd.Formats.Reports;

/// <summary>
/// The units thin_metadata_size prints (its -u letters: b s k K m M g G t T p P e E z Z y Y;
/// lower case binary, upper case decimal).
/// </summary>
public enum MetadataSizeUnit
{
    /// <summary>b: bytes.</summary>
    Bytes,

    /// <summary>s: 512-byte sectors.</summary>
    Sectors,

    /// <summary>k: 2^10 bytes.</summary>
    Kibibytes,

    /// <summary>K: 10^3 bytes.</summary>
    Kilobytes,

    /// <summary>m: 2^20 bytes.</summary>
    Mebibytes,

    /// <summary>M: 10^6 bytes.</summary>
    Megabytes,

    /// <summary>g: 2^30 bytes.</summary>
    Gibibytes,

    /// <summary>G: 10^9 bytes.</summary>
    Gigabytes,

    /// <summary>t: 2^40 bytes.</summary>
    Tebibytes,

    /// <summary>T: 10^12 bytes.</summary>
    Terabytes,

    /// <summary>p: 2^50 bytes.</summary>
    Pebibytes,

    /// <summary>P: 10^15 bytes.</summary>
    Petabytes,

    /// <summary>e: 2^60 bytes.</summary>
    Exbibytes,

    /// <summary>E: 10^18 bytes.</summary>
    Exabytes,

    /// <summary>z: 2^70 bytes.</summary>
    Zebibytes,

    /// <summary>Z: 10^21 bytes.</summary>
    Zettabytes,

    /// <summary>y: 2^80 bytes.</summary>
    Yobibytes,

    /// <summary>Y: 10^24 bytes.</summary>
    Yottabytes,
}
