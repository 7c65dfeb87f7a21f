using System.Globalization;

namespace Sts.Dm.Messages;

/// <summary>dust messages (Documentation/admin-guide/device-mapper/dm-dust.rst); blocks count in the target's block size.</summary>
public static class DustMessages
{
    /// <summary>"addbadblock block".</summary>
    /// <param name="block">The block number.</param>
    /// <returns>The message.</returns>
    public static DmMessage AddBadBlock(ulong block) => new(string.Create(CultureInfo.InvariantCulture, $"addbadblock {block}"));

    /// <summary>"removebadblock block".</summary>
    /// <param name="block">The block number.</param>
    /// <returns>The message.</returns>
    public static DmMessage RemoveBadBlock(ulong block) => new(string.Create(CultureInfo.InvariantCulture, $"removebadblock {block}"));

    /// <summary>"queryblock block".</summary>
    /// <param name="block">The block number.</param>
    /// <returns>The message.</returns>
    public static DmMessage QueryBlock(ulong block) => new(string.Create(CultureInfo.InvariantCulture, $"queryblock {block}"));

    /// <summary>"enable": bad blocks start failing reads.</summary>
    public static DmMessage Enable { get; } = new("enable");

    /// <summary>"disable": bad blocks are bypassed.</summary>
    public static DmMessage Disable { get; } = new("disable");

    /// <summary>"countbadblocks".</summary>
    public static DmMessage CountBadBlocks { get; } = new("countbadblocks");

    /// <summary>"listbadblocks".</summary>
    public static DmMessage ListBadBlocks { get; } = new("listbadblocks");

    /// <summary>"clearbadblocks".</summary>
    public static DmMessage ClearBadBlocks { get; } = new("clearbadblocks");

    /// <summary>"quiet": toggles logging of bad-block hits.</summary>
    public static DmMessage Quiet { get; } = new("quiet");
}
