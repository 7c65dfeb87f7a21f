namespace Sts.Dmpd.Tools;

/// <summary>
/// The typed options of one persistent-data tool invocation. Each subtype names its tool and
/// writes its argv for a given tools version, refusing what that version lacks.
/// </summary>
public abstract record DmpdToolOptions
{
    /// <summary>The tool these options are for, e.g. "thin_check".</summary>
    public abstract string Tool { get; }

    /// <summary>Builds the argv (without the program name) for a tools version.</summary>
    /// <param name="version">The installed tools version.</param>
    /// <returns>The arguments, each one argv entry; paths are absolute.</returns>
    /// <exception cref="DmpdOptionNotSupportedException">An option (or the tool) is not in that version.</exception>
    /// <exception cref="ArgumentException">A required value is missing or out of range.</exception>
    public IReadOnlyList<string> BuildArguments(Version version)
    {
        var writer = new ArgumentWriter(Tool, version);
        Write(writer);
        return writer.Arguments;
    }

    /// <summary>Writes this invocation's arguments.</summary>
    /// <param name="argv">Where to write them.</param>
    protected abstract void Write(ArgumentWriter argv);
}
