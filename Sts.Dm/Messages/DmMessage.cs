namespace Sts.Dm.Messages;

/// <summary>A message for a target (dmsetup message / DM_TARGET_MSG), rendered to the text the kernel takes.</summary>
/// <param name="Text">The message text.</param>
public record DmMessage(string Text)
{
    /// <summary>
    /// The longest message text either backend sends, in UTF-8 bytes: dmsetup passes it as one
    /// argument, which Linux bounds at 128 KiB (MAX_ARG_STRLEN); kernel targets take far shorter ones.
    /// </summary>
    public const int MaxBytes = 65536;

    /// <summary>Any message text, sent verbatim.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The message.</returns>
    /// <exception cref="DmValidationException">The text is empty or blank, spans lines, holds a NUL or a lone surrogate, or is longer than <see cref="MaxBytes"/> bytes.</exception>
    public static DmMessage Raw(string text)
    {
        Backends.DmCarriableText.EnsureMessage(text);
        return new DmMessage(text);
    }

    /// <summary>The message text.</summary>
    public override string ToString() => Text;
}
