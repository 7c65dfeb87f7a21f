using Sts.Core;

namespace Sts.Dm.Errors;

/// <summary>A device name or uuid was refused before reaching the kernel: too long, empty, reserved, or containing '/'.</summary>
public sealed class DmNameException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="value">The refused name or uuid.</param>
    /// <param name="message">Why it was refused.</param>
    public DmNameException(string value, string message) : base(message) => Value = value;

    /// <summary>The refused name or uuid.</summary>
    public string Value { get; }
}
