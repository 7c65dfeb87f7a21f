using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>One path of a multipath priority group, with its path selector arguments (e.g. repeat_count).</summary>
public sealed record MultipathPath
{
    /// <summary>Creates the path.</summary>
    /// <param name="device">The path's device.</param>
    /// <param name="arguments">The selector's per-path argument words.</param>
    /// <exception cref="DmValidationException">The device is missing or a word is empty.</exception>
    public MultipathPath(DeviceReference device, ValueList<string> arguments)
    {
        Device = Require.NotNull(device, "path device");
        Arguments = Require.Words(arguments, "path arguments");
    }

    /// <summary>The path's device.</summary>
    public DeviceReference Device { get; }

    /// <summary>The selector's per-path arguments.</summary>
    public ValueList<string> Arguments { get; }
}
