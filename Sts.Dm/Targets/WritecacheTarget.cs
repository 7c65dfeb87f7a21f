using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// writecache: "p|s origin cache block_size #optional_args args" (Documentation/admin-guide/device-mapper/writecache.rst).
/// Optional arguments (high_watermark 50, cleaner, ...) are kept as words in the kernel's order.
/// </summary>
public sealed record WritecacheTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="mode">SSD or persistent memory.</param>
    /// <param name="origin">The slow device.</param>
    /// <param name="cache">The cache device.</param>
    /// <param name="blockSize">The block size: a power of two from 512 to 4096 bytes.</param>
    /// <param name="optionalArguments">Optional argument words.</param>
    /// <exception cref="DmValidationException">A device is missing, the block size is refused, or an argument is not a word.</exception>
    public WritecacheTarget(WritecacheMode mode, DeviceReference origin, DeviceReference cache, Size blockSize, ValueList<string> optionalArguments)
    {
        Require.That(Enum.IsDefined(mode), "mode", $"Unknown writecache mode {mode}.");
        Mode = mode;
        Origin = Require.NotNull(origin, "origin device");
        Cache = Require.NotNull(cache, "cache device");
        Require.That(blockSize.Bytes is >= 512 and <= 4096 && long.IsPow2(blockSize.Bytes), "block size",
            $"A writecache block size must be a power of two from 512 to 4096 bytes, not {blockSize.Bytes}.");
        BlockSize = blockSize;
        OptionalArguments = Require.Words(optionalArguments, "optional arguments");
    }

    /// <summary>SSD or persistent memory.</summary>
    public WritecacheMode Mode { get; }

    /// <summary>The slow device.</summary>
    public DeviceReference Origin { get; }

    /// <summary>The cache device.</summary>
    public DeviceReference Cache { get; }

    /// <summary>The block size.</summary>
    public Size BlockSize { get; }

    /// <summary>Optional argument words.</summary>
    public ValueList<string> OptionalArguments { get; }

    /// <inheritdoc />
    public override string TargetType => "writecache";

    /// <summary>"p|s origin cache block_size #args args".</summary>
    public override string FormatArguments() =>
        Words.Join(Mode == WritecacheMode.Ssd ? "s" : "p", Origin, Cache, BlockSize.Bytes, Words.Counted(OptionalArguments));

    /// <summary>Parses the writecache arguments.</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static WritecacheTarget Parse(string arguments) =>
        ArgumentReader.Run("writecache", arguments, r =>
        {
            var mode = r.Next("mode") switch
            {
                "s" => WritecacheMode.Ssd,
                "p" => WritecacheMode.PersistentMemory,
                var other => throw r.Error($"mode '{other}' is not p or s"),
            };
            return new WritecacheTarget(mode, r.NextDevice("origin device"), r.NextDevice("cache device"),
                Size.FromBytes(r.NextUInt32("block size")), r.NextCounted("optional arguments"));
        });
}
