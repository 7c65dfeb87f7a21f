namespace Sts.Dmpd.Tools;

/// <summary>The output unit of thin_metadata_size / cache_metadata_size (-u).</summary>
public enum MetadataSizeUnit
{
    /// <summary>"s": 512-byte sectors (the default).</summary>
    Sectors,

    /// <summary>"b": bytes.</summary>
    Bytes,

    /// <summary>"k": kibibytes.</summary>
    KiB,

    /// <summary>"m": mebibytes.</summary>
    MiB,

    /// <summary>"g": gibibytes.</summary>
    GiB,
}
