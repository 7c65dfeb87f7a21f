using System.Globalization;
using Sts.Core;

namespace Sts.Dmpd;

/// <summary>
/// Input from (or meant for) a persistent-data tool could not be read: malformed XML, a missing
/// or unknown attribute, a number that does not parse, an element out of place, or a text
/// report line of the wrong shape. Carries where it happened so a failed run can be read
/// without re-running it; no parser returns half a model instead of throwing this.
/// </summary>
public sealed class DmpdParseException : StsException
{
    /// <summary>Creates the exception for an error at a position.</summary>
    /// <param name="document">What was being read, e.g. "thin_dump XML" or "thin_ls output".</param>
    /// <param name="problem">What is wrong, e.g. "attribute 'length' is missing".</param>
    /// <param name="line">1-based line of the offending text; 0 when unknown.</param>
    /// <param name="column">1-based column of the offending text; 0 when unknown.</param>
    /// <param name="offendingText">The text that was rejected, when there is one.</param>
    /// <param name="innerException">The underlying error (e.g. an <see cref="System.Xml.XmlException"/>).</param>
    public DmpdParseException(string document, string problem, int line, int column, string? offendingText = null, Exception? innerException = null)
        : base(Format(document, problem, line, column, offendingText), innerException)
    {
        Document = document;
        Problem = problem;
        Line = line;
        Column = column;
        OffendingText = offendingText;
    }

    /// <summary>What was being read, e.g. "thin_dump XML".</summary>
    public string Document { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>1-based line of the offending text; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending text; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The rejected text (an attribute value, an element name, a report line), or null.</summary>
    public string? OffendingText { get; }

    private static string Format(string document, string problem, int line, int column, string? text) =>
        string.Create(CultureInfo.InvariantCulture, $"{document}, line {line}, column {column}: {problem}")
        + (text is null ? "" : $" (got '{(text.Length > 200 ? text[..200] + "..." : text)}')");
}
