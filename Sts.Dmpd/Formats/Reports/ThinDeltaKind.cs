namespace Sts.Dmpd.Formats.Reports;

/// <summary>How two thin devices compare over a range of virtual blocks (thin_delta's element names).</summary>
public enum ThinDeltaKind
{
    /// <summary><c>same</c>: both map the range to the same data blocks.</summary>
    Same,

    /// <summary><c>different</c>: both map it, to different data blocks.</summary>
    Different,

    /// <summary><c>left_only</c>: only the left (--snap1) device maps it.</summary>
    LeftOnly,

    /// <summary><c>right_only</c>: only the right (--snap2) device maps it.</summary>
    RightOnly,
}
