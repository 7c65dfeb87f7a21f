namespace Sts.Dm.Messages;

/// <summary>A message for a target (dmsetup message / DM_TARGET_MSG), rendered to the text the kernel takes.</summary>
/// <param name="Text">The message text.</param>
public record DmMessage(string Text)
{
    /// <summary>Any message text, sent verbatim.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The message.</returns>
    /// <exception cref="DmValidationException">The text is empty or spans lines.</exception>
    public static DmMessage Raw(string text) =>
        string.IsNullOrWhiteSpace(text) || text.Contains('\n', StringComparison.Ordinal)
            ? throw new DmValidationException("message", "A message must be one non-empty line.")
            : new DmMessage(text);

    /// <summary>The message text.</summary>
    public override string ToString() => Text;
}
