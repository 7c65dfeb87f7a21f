namespace Sts.Core;

/// <summary>An environment variable Sts reads holds a value it cannot use (see <see cref="StsEnvironment"/>).</summary>
public sealed class StsEnvironmentException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="variable">The variable, e.g. <c>STS_DM_BACKEND</c>.</param>
    /// <param name="value">Its value.</param>
    /// <param name="expected">What it should hold, e.g. "'ioctl' or 'dmsetup'".</param>
    public StsEnvironmentException(string variable, string value, string expected)
        : base($"{variable}='{value}' is not valid: use {expected} (or unset it for the default).")
    {
        Variable = variable;
        Value = value;
    }

    /// <summary>The variable.</summary>
    public string Variable { get; }

    /// <summary>The value it holds.</summary>
    public string Value { get; }
}
