using Sts.Core.Units;

namespace Sts.Dmpd.Formats.Reports;

/// <summary>
/// One device's line of thin_ls output. Every column is a number; the human-readable columns
/// (MAPPED, EXCLUSIVE, SHARED) are held in bytes (thin_ls prints them exactly, e.g. 1536KiB).
/// A column thin_ls was not asked for is null.
/// </summary>
public sealed class ThinLsRow
{
    private readonly ulong?[] _values;

    internal ThinLsRow(ulong?[] values) => _values = values;

    /// <summary>The value of a column, or null when the output does not have it.</summary>
    /// <param name="field">The column.</param>
    /// <returns>The number (bytes for MAPPED, EXCLUSIVE, SHARED).</returns>
    public ulong? this[ThinLsField field] => _values[(int)field];

    /// <summary>DEV, or null when not printed.</summary>
    public uint? Dev => (uint?)this[ThinLsField.Dev];

    /// <summary>MAPPED_BLOCKS, or null when not printed.</summary>
    public ulong? MappedBlocks => this[ThinLsField.MappedBlocks];

    /// <summary>EXCLUSIVE_BLOCKS, or null when not printed.</summary>
    public ulong? ExclusiveBlocks => this[ThinLsField.ExclusiveBlocks];

    /// <summary>SHARED_BLOCKS, or null when not printed.</summary>
    public ulong? SharedBlocks => this[ThinLsField.SharedBlocks];

    /// <summary>MAPPED as a size, or null when not printed.</summary>
    public Size? Mapped => AsSize(ThinLsField.Mapped);

    /// <summary>EXCLUSIVE as a size, or null when not printed.</summary>
    public Size? Exclusive => AsSize(ThinLsField.Exclusive);

    /// <summary>SHARED as a size, or null when not printed.</summary>
    public Size? Shared => AsSize(ThinLsField.Shared);

    /// <summary>TRANSACTION, or null when not printed.</summary>
    public ulong? Transaction => this[ThinLsField.Transaction];

    /// <summary>CREATE_TIME, or null when not printed.</summary>
    public ulong? CreateTime => this[ThinLsField.CreateTime];

    /// <summary>SNAP_TIME, or null when not printed.</summary>
    public ulong? SnapTime => this[ThinLsField.SnapTime];

    // The parser holds these columns to at most 2^63-1 bytes, so the conversion cannot fail.
    private Size? AsSize(ThinLsField field) => this[field] is { } bytes ? Size.FromBytes((long)bytes) : null;
}
