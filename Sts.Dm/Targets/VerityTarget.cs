using Sts.Core.Units;
using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// verity: "version data hash data_block_size hash_block_size #data_blocks hash_start algorithm digest salt [#optional_args args]"
/// (Documentation/admin-guide/device-mapper/verity.rst).
/// </summary>
public sealed record VerityTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="version">The hash format version (0 or 1).</param>
    /// <param name="dataDevice">The data device.</param>
    /// <param name="hashDevice">The hash tree device.</param>
    /// <param name="dataBlockSize">Data block size, a power of two bytes from 512 to 1 GiB (the kernel further caps it at its page size).</param>
    /// <param name="hashBlockSize">Hash block size, a power of two bytes from 512 to 1 GiB.</param>
    /// <param name="dataBlocks">How many data blocks are verified.</param>
    /// <param name="hashStartBlock">The hash tree's first block on the hash device, in hash blocks.</param>
    /// <param name="algorithm">The hash algorithm, e.g. sha256.</param>
    /// <param name="rootDigest">The root digest in hex.</param>
    /// <param name="salt">The salt in hex, or "-" for none.</param>
    /// <param name="optionalArguments">Optional argument words.</param>
    /// <exception cref="DmValidationException">A part is missing, a block size is not a power of two from 512 bytes to 1 GiB, or a word is empty.</exception>
    public VerityTarget(uint version, DeviceReference dataDevice, DeviceReference hashDevice, Size dataBlockSize, Size hashBlockSize,
        ulong dataBlocks, ulong hashStartBlock, string algorithm, string rootDigest, string salt, ValueList<string> optionalArguments)
    {
        Version = version;
        DataDevice = Require.NotNull(dataDevice, "data device");
        HashDevice = Require.NotNull(hashDevice, "hash device");
        // dm-verity reads both sizes as 32-bit numbers and refuses more than INT_MAX (hash) or PAGE_SIZE (data).
        Require.That(dataBlockSize.Bytes is >= 512 and <= int.MaxValue && long.IsPow2(dataBlockSize.Bytes), "data block size",
            $"A verity data block size must be a power of two from 512 bytes to 1 GiB, not {dataBlockSize.Bytes}.");
        Require.That(hashBlockSize.Bytes is >= 512 and <= int.MaxValue && long.IsPow2(hashBlockSize.Bytes), "hash block size",
            $"A verity hash block size must be a power of two from 512 bytes to 1 GiB, not {hashBlockSize.Bytes}.");
        DataBlockSize = dataBlockSize;
        HashBlockSize = hashBlockSize;
        DataBlocks = dataBlocks;
        HashStartBlock = hashStartBlock;
        Algorithm = Require.Word(algorithm, "algorithm");
        RootDigest = Require.Word(rootDigest, "root digest");
        Salt = Require.Word(salt, "salt");
        OptionalArguments = Require.Words(optionalArguments, "optional arguments");
    }

    /// <summary>The hash format version.</summary>
    public uint Version { get; }

    /// <summary>The data device.</summary>
    public DeviceReference DataDevice { get; }

    /// <summary>The hash tree device.</summary>
    public DeviceReference HashDevice { get; }

    /// <summary>Data block size.</summary>
    public Size DataBlockSize { get; }

    /// <summary>Hash block size.</summary>
    public Size HashBlockSize { get; }

    /// <summary>How many data blocks are verified.</summary>
    public ulong DataBlocks { get; }

    /// <summary>The hash tree's first block, in hash blocks.</summary>
    public ulong HashStartBlock { get; }

    /// <summary>The hash algorithm.</summary>
    public string Algorithm { get; }

    /// <summary>The root digest in hex.</summary>
    public string RootDigest { get; }

    /// <summary>The salt in hex, or "-".</summary>
    public string Salt { get; }

    /// <summary>Optional argument words.</summary>
    public ValueList<string> OptionalArguments { get; }

    /// <inheritdoc />
    public override string TargetType => "verity";

    /// <summary>The verity arguments as the kernel prints them.</summary>
    public override string FormatArguments() =>
        Words.Join(Version, DataDevice, HashDevice, DataBlockSize.Bytes, HashBlockSize.Bytes, DataBlocks, HashStartBlock, Algorithm, RootDigest, Salt,
            OptionalArguments.Count == 0 ? null : Words.Counted(OptionalArguments));

    /// <summary>Parses the verity arguments.</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static VerityTarget Parse(string arguments) =>
        ArgumentReader.Run("verity", arguments, r => new VerityTarget(
            r.NextUInt32("version"), r.NextDevice("data device"), r.NextDevice("hash device"),
            Size.FromBytes(r.NextUInt32("data block size")), Size.FromBytes(r.NextUInt32("hash block size")),
            r.NextUInt64("number of data blocks"), r.NextUInt64("hash start block"), r.Next("algorithm"), r.Next("root digest"), r.Next("salt"),
            r.AtEnd ? [] : r.NextCounted("optional arguments")));
}
