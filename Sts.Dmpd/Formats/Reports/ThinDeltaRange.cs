namespace Sts.Dmpd.Formats.Reports;

/// <summary>
/// One range of a thin_delta diff. The data block columns are only printed with --verbose:
/// <see cref="DataBegin"/> for same, left_only and right_only, the left and right ones for
/// different.
/// </summary>
/// <param name="Kind">How the devices compare here.</param>
/// <param name="Begin">The first virtual block.</param>
/// <param name="Length">How many blocks.</param>
/// <param name="DataBegin">The first data block (verbose; not for <see cref="ThinDeltaKind.Different"/>).</param>
/// <param name="LeftDataBegin">The left device's first data block (verbose, different only).</param>
/// <param name="RightDataBegin">The right device's first data block (verbose, different only).</param>
public sealed record ThinDeltaRange(
    ThinDeltaKind Kind,
    ulong Begin,
    ulong Length,
    ulong? DataBegin = null,
    ulong? LeftDataBegin = null,
    ulong? RightDataBegin = null);
