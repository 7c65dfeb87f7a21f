namespace Sts.Dm.Targets;

/// <summary>Which bios flakey's corrupt_bio_byte corrupts.</summary>
public enum FlakeyDirection
{
    /// <summary>'r': reads.</summary>
    Read,

    /// <summary>'w': writes.</summary>
    Write,
}
