using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>striped's status: "#stripes devices... 1 A|D..." — one health letter per leg.</summary>
/// <param name="Devices">The legs' devices.</param>
/// <param name="Alive">Per leg: true for 'A' (alive), false for 'D' (dead).</param>
public sealed record StripedStatus(ValueList<DeviceReference> Devices, ValueList<bool> Alive) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "striped";

    /// <summary>The status as dm-stripe writes it.</summary>
    public override string Format() =>
        Words.Join(Devices.Count, string.Join(' ', Devices), 1, new string(Alive.Select(a => a ? 'A' : 'D').ToArray()));

    internal static StripedStatus Read(ArgumentReader r)
    {
        var count = r.NextUInt32("number of stripes");
        var devices = new List<DeviceReference>();
        for (var i = 0; i < count; i++)
        {
            devices.Add(r.NextDevice("device"));
        }

        r.Expect("1");
        var health = r.Next("health");
        if (health.Length != count || health.Any(c => c is not ('A' or 'D')))
        {
            throw r.Error($"health '{health}' is not one A or D per stripe");
        }

        return new StripedStatus(new ValueList<DeviceReference>(devices), new ValueList<bool>(health.Select(c => c == 'A')));
    }
}
