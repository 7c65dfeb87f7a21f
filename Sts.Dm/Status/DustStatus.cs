using Sts.Dm.Parsing;

namespace Sts.Dm.Status;

/// <summary>dust's status: "device fail_read_on_bad_block|bypass verbose|quiet" (Documentation/admin-guide/device-mapper/dm-dust.rst).</summary>
/// <param name="Device">The underlying device.</param>
/// <param name="FailReadOnBadBlock">True when bad blocks fail reads (enabled), false for bypass.</param>
/// <param name="Quiet">True in quiet mode.</param>
public sealed record DustStatus(DeviceReference Device, bool FailReadOnBadBlock, bool Quiet) : DmStatus
{
    /// <inheritdoc />
    public override string TargetType => "dust";

    /// <summary>The status as dm-dust writes it.</summary>
    public override string Format() => Words.Join(Device, FailReadOnBadBlock ? "fail_read_on_bad_block" : "bypass", Quiet ? "quiet" : "verbose");

    internal static DustStatus Read(ArgumentReader r)
    {
        var device = r.NextDevice("device");
        var fail = r.Next("mode") switch
        {
            "fail_read_on_bad_block" => true,
            "bypass" => false,
            var other => throw r.Error($"mode '{other}' is not fail_read_on_bad_block or bypass"),
        };
        var quiet = r.Next("verbosity") switch
        {
            "quiet" => true,
            "verbose" => false,
            var other => throw r.Error($"verbosity '{other}' is not quiet or verbose"),
        };
        return new DustStatus(device, fail, quiet);
    }
}
