using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// raid (dm-raid, MD personalities): "raid_type #raid_params chunk_size [params] #devices meta data ..."
/// (Documentation/admin-guide/device-mapper/dm-raid.rst). Parameters after the chunk size are kept as words.
/// </summary>
public sealed record RaidTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="raidType">The personality, e.g. raid1, raid5_ls, raid10.</param>
    /// <param name="chunkSize">The chunk size (0 where the personality ignores it, e.g. raid1).</param>
    /// <param name="additionalParameters">Parameters after the chunk size, as words (region_size 1024, sync, ...).</param>
    /// <param name="devices">The members, at least one.</param>
    /// <exception cref="DmValidationException">No members, or a word is empty.</exception>
    public RaidTarget(string raidType, Sectors chunkSize, ValueList<string> additionalParameters, ValueList<RaidDevice> devices)
    {
        RaidType = Require.Word(raidType, "raid type");
        ChunkSize = chunkSize;
        AdditionalParameters = Require.Words(additionalParameters, "raid parameters");
        Devices = Require.NotNull(devices, "devices");
        Require.That(devices.Count > 0, "devices", "A raid target needs at least one member.");
    }

    /// <summary>The personality.</summary>
    public string RaidType { get; }

    /// <summary>The chunk size.</summary>
    public Sectors ChunkSize { get; }

    /// <summary>Parameters after the chunk size.</summary>
    public ValueList<string> AdditionalParameters { get; }

    /// <summary>The members.</summary>
    public ValueList<RaidDevice> Devices { get; }

    /// <inheritdoc />
    public override string TargetType => "raid";

    /// <summary>The raid arguments as the kernel prints them.</summary>
    public override string FormatArguments() =>
        Words.Join(RaidType, AdditionalParameters.Count + 1, ChunkSize, AdditionalParameters.Count == 0 ? null : string.Join(' ', AdditionalParameters),
            Devices.Count, string.Join(' ', Devices));

    /// <summary>Parses the raid arguments.</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static RaidTarget Parse(string arguments) =>
        ArgumentReader.Run("raid", arguments, r =>
        {
            var type = r.Next("raid type");
            var count = r.NextCount("number of raid parameters");
            if (count < 1)
            {
                throw r.Error("the raid parameters must start with the chunk size");
            }

            var chunk = r.NextSectors("chunk size");
            var parameters = r.Take(count - 1);
            var members = r.NextUInt32("number of devices");
            var devices = new List<RaidDevice>();
            for (var i = 0; i < members; i++)
            {
                devices.Add(new RaidDevice(r.NextOptionalDevice("metadata device"), r.NextOptionalDevice("data device")));
            }

            return new RaidTarget(type, chunk, parameters, new ValueList<RaidDevice>(devices));
        });
}
