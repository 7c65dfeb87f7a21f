using System.Globalization;
using System.Text;

namespace Sts.Tests.Fuzz;

/// <summary>
/// Reads back one word the way bash reads what <see cref="Sts.Core.Commands.CommandLine.Quote"/>
/// writes (bare, '…' joined with \', and $'…' with \\ \' \n \t \r \xHH \uHHHH), as the bytes the
/// program would receive in argv. The property: pasting a logged line passes the same bytes.
/// </summary>
internal static class ShellWord
{
    public static byte[] ToArgvBytes(string word)
    {
        var bytes = new List<byte>();
        void Text(string s) => bytes.AddRange(Encoding.UTF8.GetBytes(s));
        var i = 0;
        while (i < word.Length)
        {
            if (word[i] == '$' && i + 1 < word.Length && word[i + 1] == '\'')
            {
                i += 2;
                while (word[i] != '\'')
                {
                    if (word[i] != '\\')
                    {
                        var length = char.IsHighSurrogate(word[i]) ? 2 : 1;
                        Text(word.Substring(i, length));
                        i += length;
                        continue;
                    }

                    var escape = word[i + 1];
                    switch (escape)
                    {
                        case 'x':
                            bytes.Add(byte.Parse(word.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            i += 4;
                            break;
                        case 'u':
                            Text(((char)int.Parse(word.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
                            i += 6;
                            break;
                        default:
                            Text(escape switch { 'n' => "\n", 't' => "\t", 'r' => "\r", '\'' => "'", '\\' => "\\", _ => throw new FormatException($"bash escape \\{escape} not expected") });
                            i += 2;
                            break;
                    }
                }

                i++;
            }
            else if (word[i] == '\'')
            {
                var end = word.IndexOf('\'', i + 1);
                Text(word[(i + 1)..end]);
                i = end + 1;
            }
            else if (word[i] == '\\')
            {
                Text(word[i + 1].ToString());
                i += 2;
            }
            else
            {
                if (char.IsWhiteSpace(word[i]) || "\"`$;&|<>()*?[]#~{}!".Contains(word[i], StringComparison.Ordinal))
                {
                    throw new FormatException($"unquoted '{word[i]}' would be read by the shell");
                }

                var length = char.IsHighSurrogate(word[i]) ? 2 : 1;
                Text(word.Substring(i, length));
                i += length;
            }
        }

        return [.. bytes];
    }
}
