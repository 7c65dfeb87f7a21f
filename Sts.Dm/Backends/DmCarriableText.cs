using System.Text;
using Sts.Dm.Tables;

namespace Sts.Dm.Backends;

/// <summary>
/// The text both backends carry to the kernel byte for byte, checked in this one place before
/// either sends anything, so that they cannot answer the same input differently. dmsetup reads a
/// table from standard input and cuts each line at '#' (a comment, lvm2 dmsetup.c _parse_line)
/// and at NUL (a C string), and takes a message as one argv word (no NUL; Linux bounds a word at
/// 128 KiB, MAX_ARG_STRLEN); the ioctl backend would pass all of these on. Neither can send a
/// lone surrogate as it is (it has no UTF-8 form).
/// </summary>
internal static class DmCarriableText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws unless every target type and argument string of the table can be carried alike.</summary>
    /// <param name="table">The table about to be loaded.</param>
    /// <exception cref="DmValidationException">A line holds '#', NUL or a lone surrogate; the message names the line.</exception>
    internal static void EnsureTable(DmTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var line in table.Lines)
        {
            var text = $"{line.Target.TargetType} {line.Target.FormatArguments()}";
            if (text.Contains('#', StringComparison.Ordinal) || text.Contains('\0', StringComparison.Ordinal) || !IsUtf8(text))
            {
                throw new DmValidationException("table",
                    $"The table line starting at sector {line.Start.Count} holds '#', NUL or a lone surrogate: dmsetup would cut it at '#' or NUL and the kernel would get other bytes than the ioctl backend sends, so neither sends it. Line: {Escaped(text)}");
            }
        }
    }

    /// <summary>Throws unless the message text can be carried alike: one non-blank line, no NUL, valid UTF-16, at most <see cref="Messages.DmMessage.MaxBytes"/> UTF-8 bytes.</summary>
    /// <param name="message">The message text.</param>
    /// <exception cref="DmValidationException">It cannot; the message says why.</exception>
    internal static void EnsureMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message) || message.Contains('\n', StringComparison.Ordinal))
        {
            throw new DmValidationException("message", "A message must be one non-empty line.");
        }

        if (message.Contains('\0', StringComparison.Ordinal) || !IsUtf8(message))
        {
            throw new DmValidationException("message", $"The message holds a NUL or a lone surrogate, which the kernel would not get as written: {Escaped(message)}");
        }

        var bytes = Encoding.UTF8.GetByteCount(message);
        if (bytes > Messages.DmMessage.MaxBytes)
        {
            throw new DmValidationException("message",
                $"The message is {bytes} bytes long; at most {Messages.DmMessage.MaxBytes} are sent (dmsetup passes it as one argument, which Linux bounds at 128 KiB).");
        }
    }

    private static bool IsUtf8(string text)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static string Escaped(string text)
    {
        var shown = text.Length > 200 ? text[..200] + "…" : text;
        var builder = new StringBuilder(shown.Length);
        foreach (var c in shown)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }
}
