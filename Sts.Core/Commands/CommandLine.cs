using System.Text;

namespace Sts.Core.Commands;

/// <summary>
/// Renders argv as text for people: logs and exception messages. The output is quoted the way a
/// POSIX shell would need it, so it can be pasted into a terminal, but Sts never executes it.
/// </summary>
public static class CommandLine
{
    /// <summary>Formats a program and its arguments as one quoted line.</summary>
    /// <param name="program">argv[0].</param>
    /// <param name="arguments">The remaining argv entries.</param>
    /// <returns>The line, each entry quoted where needed.</returns>
    public static string Format(string program, IEnumerable<string> arguments)
    {
        var builder = new StringBuilder(Quote(program));
        foreach (var argument in arguments)
        {
            builder.Append(' ').Append(Quote(argument));
        }

        return builder.ToString();
    }

    /// <summary>Quotes one argument for display: bare when it is plainly safe, single-quoted otherwise.</summary>
    /// <param name="argument">The argument.</param>
    /// <returns>The argument as a shell would need it.</returns>
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.Length > 0 && argument.All(IsPlain))
        {
            return argument;
        }

        if (argument.Any(char.IsControl))
        {
            // $'...' keeps newlines and other control characters visible on one log line.
            var ansi = new StringBuilder("$'");
            foreach (var c in argument)
            {
                ansi.Append(c switch
                {
                    '\'' => "\\'",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\t' => "\\t",
                    '\r' => "\\r",
                    // C0 and DEL are single bytes in UTF-8, so \xNN is the byte the process gets.
                    // C1 (U+0080..U+009F) is two bytes in UTF-8: \xNN would paste as one stray
                    // byte, so it is written as bash's \uNNNN, which $'...' encodes as UTF-8.
                    _ when c < 0x80 && char.IsControl(c) => $"\\x{(int)c:x2}",
                    _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                    _ => c.ToString(),
                });
            }

            return ansi.Append('\'').ToString();
        }

        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static bool IsPlain(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or ',' or '=' or '@' or '%' or '+';
}
