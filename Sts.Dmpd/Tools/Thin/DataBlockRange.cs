using System.Globalization;

namespace Sts.Dmpd.Tools;

/// <summary>A half-open range of data blocks, [Begin, End), as thin_rmap's --region takes it ("5..45").</summary>
public readonly record struct DataBlockRange
{
    /// <summary>Creates the range.</summary>
    /// <param name="begin">The first block.</param>
    /// <param name="end">One past the last block.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or reversed.</exception>
    public DataBlockRange(ulong begin, ulong end)
    {
        if (end <= begin)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"A block range must end after it begins ({begin}).");
        }

        Begin = begin;
        End = end;
    }

    /// <summary>The first block.</summary>
    public ulong Begin { get; }

    /// <summary>One past the last block.</summary>
    public ulong End { get; }

    /// <summary>The range as the tools write it: "begin..end".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Begin}..{End}");
}
