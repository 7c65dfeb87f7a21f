using System.Globalization;

namespace Sts.Dm.Messages;

/// <summary>thin-pool messages (Documentation/admin-guide/device-mapper/thin-provisioning.rst).</summary>
public static class ThinPoolMessages
{
    /// <summary>"create_thin id".</summary>
    /// <param name="id">The new thin device's id.</param>
    /// <returns>The message.</returns>
    public static DmMessage CreateThin(ThinDeviceId id) => new($"create_thin {id}");

    /// <summary>"create_snap id origin_id" (suspend an active origin first).</summary>
    /// <param name="id">The snapshot's id.</param>
    /// <param name="origin">The origin's id.</param>
    /// <returns>The message.</returns>
    public static DmMessage CreateSnap(ThinDeviceId id, ThinDeviceId origin) => new($"create_snap {id} {origin}");

    /// <summary>"delete id".</summary>
    /// <param name="id">The thin device to delete.</param>
    /// <returns>The message.</returns>
    public static DmMessage Delete(ThinDeviceId id) => new($"delete {id}");

    /// <summary>"set_transaction_id current new".</summary>
    /// <param name="current">The id the pool must have now.</param>
    /// <param name="next">The new id.</param>
    /// <returns>The message.</returns>
    public static DmMessage SetTransactionId(ulong current, ulong next) =>
        new(string.Create(CultureInfo.InvariantCulture, $"set_transaction_id {current} {next}"));

    /// <summary>"reserve_metadata_snap".</summary>
    public static DmMessage ReserveMetadataSnap { get; } = new("reserve_metadata_snap");

    /// <summary>"release_metadata_snap".</summary>
    public static DmMessage ReleaseMetadataSnap { get; } = new("release_metadata_snap");
}
