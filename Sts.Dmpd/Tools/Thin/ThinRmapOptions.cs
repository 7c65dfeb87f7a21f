using System.Collections.Immutable;

namespace Sts.Dmpd.Tools;

/// <summary>thin_rmap: which thin blocks map the given data blocks. At least one region is required.</summary>
/// <param name="Input">The metadata device or file.</param>
public sealed record ThinRmapOptions(string Input) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "thin_rmap";

    /// <summary>--region: the data block ranges to look up.</summary>
    public ImmutableArray<DataBlockRange> Regions { get; init; } = [];

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        if (Regions.IsDefaultOrEmpty)
        {
            throw new ArgumentException("thin_rmap needs at least one region.");
        }

        foreach (var region in Regions)
        {
            argv.Add("--region", region.ToString());
        }

        argv.Path(null, Input);
    }
}
