using System.Globalization;

namespace Sts.Dmpd.Tools;

/// <summary>
/// cache_restore: writes binary dm-cache metadata from XML onto an existing file or device.
/// <see cref="DebugOverrideMetadataVersion"/> is 0.x only; 1.x defaults to metadata version 2,
/// 0.9.0 to version 1.
/// </summary>
/// <param name="Input">-i: the XML file.</param>
/// <param name="Output">-o: the metadata device or existing file.</param>
public sealed record CacheRestoreOptions(string Input, string Output) : DmpdToolOptions
{
    /// <inheritdoc />
    public override string Tool => "cache_restore";

    /// <summary>-q: no progress output.</summary>
    public bool Quiet { get; init; }

    /// <summary>--metadata-version: 1 or 2; null for the tool's default.</summary>
    public int? MetadataVersion { get; init; }

    /// <summary>--omit-clean-shutdown: leave the clean-shutdown flag unset.</summary>
    public bool OmitCleanShutdown { get; init; }

    /// <summary>--debug-override-metadata-version: write any version number (0.x only; for damage tests).</summary>
    public int? DebugOverrideMetadataVersion { get; init; }

    /// <inheritdoc />
    protected override void Write(ArgumentWriter argv)
    {
        argv.RequireCpp("--debug-override-metadata-version", DebugOverrideMetadataVersion is not null);
        if (MetadataVersion is { } v and not (1 or 2))
        {
            throw new ArgumentException($"MetadataVersion must be 1 or 2, not {v}: cache metadata versions are 1 and 2.");
        }

        argv.Flag("-q", Quiet);
        argv.Value("--metadata-version", MetadataVersion?.ToString(CultureInfo.InvariantCulture));
        argv.Flag("--omit-clean-shutdown", OmitCleanShutdown);
        argv.Value("--debug-override-metadata-version", DebugOverrideMetadataVersion?.ToString(CultureInfo.InvariantCulture));
        argv.Path("-i", Input);
        argv.Path("-o", Output);
    }
}
