namespace Sts.Dmpd.Formats.Era;

/// <summary>
/// A section of an era_dump document met while streaming: a <c>&lt;writeset era nr_bits&gt;</c>
/// (<see cref="IsWriteset"/>) or the <c>&lt;era_array&gt;</c>.
/// </summary>
/// <param name="IsWriteset">True for a writeset, false for the era array.</param>
/// <param name="Era">The writeset's era (0 for the era array).</param>
/// <param name="NrBits">The writeset's nr_bits (0 for the era array).</param>
public readonly record struct EraDumpSection(bool IsWriteset, uint Era, uint NrBits);
