namespace Sts.Dm.Targets;

/// <summary>The kind of cache device a writecache uses.</summary>
public enum WritecacheMode
{
    /// <summary>'s': an SSD (block device).</summary>
    Ssd,

    /// <summary>'p': persistent memory (DAX).</summary>
    PersistentMemory,
}
