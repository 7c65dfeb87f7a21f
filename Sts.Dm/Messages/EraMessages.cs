namespace Sts.Dm.Messages;

/// <summary>era messages (Documentation/admin-guide/device-mapper/era.rst).</summary>
public static class EraMessages
{
    /// <summary>"checkpoint": starts a new era.</summary>
    public static DmMessage Checkpoint { get; } = new("checkpoint");

    /// <summary>"take_metadata_snap".</summary>
    public static DmMessage TakeMetadataSnap { get; } = new("take_metadata_snap");

    /// <summary>"drop_metadata_snap".</summary>
    public static DmMessage DropMetadataSnap { get; } = new("drop_metadata_snap");
}
