namespace Sts.Dmpd.Tools;

/// <summary>thin_dump's output format (-f).</summary>
public enum ThinDumpFormat
{
    /// <summary>"xml": the format thin_restore reads. The default.</summary>
    Xml,

    /// <summary>"human_readable": one line per mapping, for reading.</summary>
    HumanReadable,
}
