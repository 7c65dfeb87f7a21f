using System.Globalization;
using Sts.Core.Parsing;

namespace Sts.Dmpd.Formats.Reports;

/// <summary>thin_rmap output: which thin devices map which data blocks, one entry per printed line.</summary>
/// <param name="Entries">The lines in printed order.</param>
public sealed record ThinRmapReport(IReadOnlyList<ThinRmapEntry> Entries)
{
    private const string DocumentName = "thin_rmap output";

    /// <summary>Parses thin_rmap's standard output (lines <c>data 0..16 -> thin(1) 0..16</c>).</summary>
    /// <param name="text">The output.</param>
    /// <returns>The report.</returns>
    /// <exception cref="DmpdParseException">A line of another shape, or a range whose end is before its begin or whose two sides differ in length.</exception>
    public static ThinRmapReport Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<ThinRmapEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            var cursor = new LineCursor(line, i + 1);
            cursor.Expect("data ");
            var (dataBegin, dataEnd) = cursor.Range();
            cursor.Expect(" -> thin(");
            var dev = cursor.Number();
            cursor.Expect(") ");
            var (thinBegin, thinEnd) = cursor.Range();
            cursor.ExpectEnd();
            if (dev > uint.MaxValue || dataEnd - dataBegin != thinEnd - thinBegin)
            {
                throw new DmpdParseException(DocumentName, "the data and thin ranges differ in length, or the device id is too large", i + 1, 1, line);
            }

            entries.Add(new ThinRmapEntry(dataBegin, dataEnd, (uint)dev, thinBegin, thinEnd));
        }

        return new ThinRmapReport(entries);
    }

    private ref struct LineCursor(string line, int lineNumber)
    {
        private int _at;

        public void Expect(string literal)
        {
            if (!line.AsSpan(_at).StartsWith(literal, StringComparison.Ordinal))
            {
                throw Error($"expected '{literal}'");
            }

            _at += literal.Length;
        }

        public ulong Number()
        {
            var start = _at;
            while (_at < line.Length && char.IsAsciiDigit(line[_at]))
            {
                _at++;
            }

            return AsciiNumber.TryParseUInt64(line.AsSpan(start, _at - start), out var n)
                ? n
                : throw new DmpdParseException(DocumentName, "expected a number", lineNumber, start + 1, line);
        }

        public (ulong Begin, ulong End) Range()
        {
            var start = _at;
            var begin = Number();
            Expect("..");
            var end = Number();
            return end >= begin ? (begin, end) : throw new DmpdParseException(DocumentName, "the range ends before it begins", lineNumber, start + 1, line);
        }

        public readonly void ExpectEnd()
        {
            if (_at != line.Length)
            {
                throw Error("expected the end of the line");
            }
        }

        private readonly DmpdParseException Error(string problem) => new(DocumentName, problem, lineNumber, _at + 1, line);
    }
}
