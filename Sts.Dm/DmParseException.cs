using Sts.Core;

namespace Sts.Dm;

/// <summary>
/// Text from the kernel or dmsetup (a table line, a status line) could not be read as the target
/// type says it should be. Carries the target type and the text so a night-run log shows both.
/// </summary>
public sealed class DmParseException : StsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="targetType">The target type whose text was being read (e.g. "thin-pool"), or "table" for a line's frame.</param>
    /// <param name="text">The text that did not parse.</param>
    /// <param name="reason">What was wrong with it.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public DmParseException(string targetType, string text, string reason, Exception? innerException = null)
        : base($"Cannot parse {targetType} text '{text}': {reason}", innerException)
    {
        TargetType = targetType;
        Text = text;
    }

    /// <summary>The target type whose text was being read.</summary>
    public string TargetType { get; }

    /// <summary>The text that did not parse.</summary>
    public string Text { get; }
}
