using System.Globalization;

namespace Sts.Dmpd.Tools;

/// <summary>
/// Collects one tool's argv and refuses, before anything runs, options the detected version
/// lacks. Each options record writes its own arguments through this.
/// </summary>
public sealed class ArgumentWriter
{
    private const string RustOnly = "the 1.x (Rust) generation only";
    private const string CppOnly = "the 0.x (C++) generation only";
    private readonly List<string> _arguments = [];

    /// <summary>Creates a writer for one tool and version.</summary>
    /// <param name="tool">The tool's name.</param>
    /// <param name="version">The tools version the argv is for.</param>
    public ArgumentWriter(string tool, Version version)
    {
        ArgumentException.ThrowIfNullOrEmpty(tool);
        ArgumentNullException.ThrowIfNull(version);
        Tool = tool;
        Version = version;
    }

    /// <summary>The tool.</summary>
    public string Tool { get; }

    /// <summary>The tools version.</summary>
    public Version Version { get; }

    /// <summary>The generation of <see cref="Version"/>.</summary>
    public DmpdGeneration Generation => DmpdToolSet.GenerationOf(Version);

    /// <summary>The arguments written so far.</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary>Appends arguments as they are.</summary>
    /// <param name="arguments">The arguments.</param>
    public void Add(params string[] arguments) => _arguments.AddRange(arguments);

    /// <summary>Appends a flag when it is set.</summary>
    /// <param name="flag">The flag, e.g. "--skip-mappings".</param>
    /// <param name="set">Whether to append it.</param>
    public void Flag(string flag, bool set)
    {
        if (set)
        {
            _arguments.Add(flag);
        }
    }

    /// <summary>Appends an option and its value (two argv entries) when the value is present.</summary>
    /// <param name="option">The option, e.g. "--dev-id".</param>
    /// <param name="value">Its value; nothing is written when null.</param>
    public void Value(string option, ulong? value)
    {
        if (value is { } v)
        {
            _arguments.AddRange([option, v.ToString(CultureInfo.InvariantCulture)]);
        }
    }

    /// <summary>Appends an option and its value (two argv entries) when the value is present.</summary>
    /// <param name="option">The option.</param>
    /// <param name="value">Its value; nothing is written when null.</param>
    public void Value(string option, string? value)
    {
        if (value is not null)
        {
            _arguments.AddRange([option, value]);
        }
    }

    /// <summary>
    /// Appends an option and a path, made absolute so that a relative name starting with '-' can
    /// never be read as an option.
    /// </summary>
    /// <param name="option">The option, e.g. "-o"; null for a positional argument.</param>
    /// <param name="path">The path; nothing is written when null.</param>
    public void Path(string? option, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (option is not null)
        {
            _arguments.Add(option);
        }

        _arguments.Add(System.IO.Path.GetFullPath(path));
    }

    /// <summary>Refuses an option that only the Rust generation has, when it is used on the C++ one.</summary>
    /// <param name="option">The option as the tool spells it.</param>
    /// <param name="used">Whether the caller asked for it.</param>
    /// <exception cref="DmpdOptionNotSupportedException">It is used and the version is 0.x.</exception>
    public void RequireRust(string option, bool used)
    {
        if (used && Generation != DmpdGeneration.Rust)
        {
            throw new DmpdOptionNotSupportedException(Tool, option, Version, RustOnly);
        }
    }

    /// <summary>Refuses an option that only the C++ generation has, when it is used on the Rust one.</summary>
    /// <param name="option">The option as the tool spells it.</param>
    /// <param name="used">Whether the caller asked for it.</param>
    /// <exception cref="DmpdOptionNotSupportedException">It is used and the version is 1.x or later.</exception>
    public void RequireCpp(string option, bool used)
    {
        if (used && Generation != DmpdGeneration.Cpp)
        {
            throw new DmpdOptionNotSupportedException(Tool, option, Version, CppOnly);
        }
    }

    /// <summary>Refuses an option (or a whole tool) that first appeared in a given version.</summary>
    /// <param name="option">The option as the tool spells it, or the tool's name.</param>
    /// <param name="minimum">The first version that has it, e.g. 1.1 for thin_migrate.</param>
    /// <param name="used">Whether the caller asked for it.</param>
    /// <exception cref="DmpdOptionNotSupportedException">It is used and the version is older.</exception>
    public void RequireAtLeast(string option, Version minimum, bool used)
    {
        ArgumentNullException.ThrowIfNull(minimum);
        if (used && Version < minimum)
        {
            throw new DmpdOptionNotSupportedException(Tool, option, Version, $"version {minimum} and later");
        }
    }

    /// <summary>Refuses a whole tool that only the Rust generation ships.</summary>
    /// <exception cref="DmpdOptionNotSupportedException">The version is 0.x.</exception>
    public void RequireRustTool() => RequireRust(Tool, used: true);
}
