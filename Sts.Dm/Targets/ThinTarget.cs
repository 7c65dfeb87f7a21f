using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>thin: one thin device of a pool, optionally over an external read-only origin (Documentation/admin-guide/device-mapper/thin-provisioning.rst).</summary>
public sealed record ThinTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="pool">The thin-pool device.</param>
    /// <param name="deviceId">The thin device's id in the pool.</param>
    /// <param name="externalOrigin">A read-only device unprovisioned blocks are read from, if any.</param>
    /// <exception cref="DmValidationException">The pool is missing.</exception>
    public ThinTarget(DeviceReference pool, ThinDeviceId deviceId, DeviceReference? externalOrigin = null)
    {
        Pool = Require.NotNull(pool, "pool device");
        DeviceId = deviceId;
        ExternalOrigin = externalOrigin;
    }

    /// <summary>The thin-pool device.</summary>
    public DeviceReference Pool { get; }

    /// <summary>The thin device's id in the pool.</summary>
    public ThinDeviceId DeviceId { get; }

    /// <summary>The external origin, if any.</summary>
    public DeviceReference? ExternalOrigin { get; }

    /// <inheritdoc />
    public override string TargetType => "thin";

    /// <summary>"pool dev_id [external_origin]".</summary>
    public override string FormatArguments() => Words.Join(Pool, DeviceId, ExternalOrigin);

    /// <summary>Parses "pool dev_id [external_origin]".</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit, or the id needs more than 24 bits.</exception>
    public static ThinTarget Parse(string arguments) =>
        ArgumentReader.Run("thin", arguments, r =>
            new ThinTarget(r.NextDevice("pool device"), r.NextThinId("device id"), r.AtEnd ? null : r.NextDevice("external origin")));
}
