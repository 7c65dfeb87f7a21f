namespace Sts.Dmpd.Formats.Reports;

/// <summary>
/// One line of thin_rmap: data blocks [<see cref="DataBegin"/>, <see cref="DataEnd"/>) are
/// mapped by thin device <see cref="DevId"/> at virtual blocks [<see cref="ThinBegin"/>,
/// <see cref="ThinEnd"/>). Ends are exclusive, as thin_rmap prints them.
/// </summary>
/// <param name="DataBegin">The first data block.</param>
/// <param name="DataEnd">One past the last data block.</param>
/// <param name="DevId">The thin device.</param>
/// <param name="ThinBegin">The first virtual block.</param>
/// <param name="ThinEnd">One past the last virtual block.</param>
public sealed record ThinRmapEntry(ulong DataBegin, ulong DataEnd, uint DevId, ulong ThinBegin, ulong ThinEnd)
{
    /// <summary>How many blocks the line covers.</summary>
    public ulong Length => DataEnd - DataBegin;
}
