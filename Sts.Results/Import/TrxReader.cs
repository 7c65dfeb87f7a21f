using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Sts.Results.Model;

namespace Sts.Results.Import;

/// <summary>
/// Reads the trx files <c>dotnet test --logger trx</c> writes (VSTest's TeamTest 2010 schema):
/// each UnitTestResult becomes a <see cref="TestRecord"/> named by its test definition's class and
/// name (the NUnit full name). Passed → passed; Failed → failed, kernel finding or hang by its
/// message; NotExecuted/Inconclusive → known issue or skipped by its message. The test's output is
/// its log; an attached diagnostics file, when still present, gives the diagnostics and the
/// kernel-log excerpt.
/// </summary>
public static class TrxReader
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Reads a trx file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Its run.</returns>
    /// <exception cref="TrxFormatException">The file is missing, not XML, or not a trx.</exception>
    public static TrxRun Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            throw new TrxFormatException(path, ex.Message, ex);
        }

        var root = document.Root;
        if (root is null || root.Name != Ns + "TestRun")
        {
            throw new TrxFormatException(path, $"its root element is <{root?.Name.LocalName}>, not a TeamTest 2010 <TestRun>");
        }

        var definitions = root.Descendants(Ns + "UnitTest").ToDictionary(
            t => (string?)t.Attribute("id") ?? string.Empty,
            t => t.Element(Ns + "TestMethod") is { } method
                ? $"{(string?)method.Attribute("className")}.{(string?)method.Attribute("name")}"
                : (string?)t.Attribute("name") ?? string.Empty);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var records = new List<TestRecord>();
        var host = string.Empty;
        foreach (var result in root.Descendants(Ns + "UnitTestResult"))
        {
            var testId = (string?)result.Attribute("testId") ?? string.Empty;
            var name = definitions.TryGetValue(testId, out var full) ? full : (string?)result.Attribute("testName") ?? string.Empty;
            var outcomeText = (string?)result.Attribute("outcome") ?? string.Empty;
            var output = result.Element(Ns + "Output");
            var message = output?.Element(Ns + "ErrorInfo")?.Element(Ns + "Message")?.Value;
            var stackTrace = output?.Element(Ns + "ErrorInfo")?.Element(Ns + "StackTrace")?.Value;
            var log = output?.Element(Ns + "StdOut")?.Value;
            var outcome = outcomeText switch
            {
                "Passed" or "PassedButRunAborted" or "Warning" => TestOutcome.Passed,
                "Failed" or "Error" or "Timeout" or "Aborted" => TestOutcomes.OfFailure(message),
                "NotExecuted" or "Inconclusive" or "NotRunnable" or "Disconnected" => TestOutcomes.OfNotRun(message),
                _ => throw new TrxFormatException(path, $"test '{name}' has the unknown outcome '{outcomeText}'"),
            };
            host = host.Length > 0 ? host : (string?)result.Attribute("computerName") ?? string.Empty;
            var diagnostics = ReadAttachments(result, directory);
            records.Add(new TestRecord(
                name,
                outcome,
                Time(result.Attribute("startTime"), path),
                Duration(result.Attribute("duration"), path),
                outcome == TestOutcome.Passed ? null : outcome == TestOutcome.Skipped ? message : Join(message, stackTrace),
                string.IsNullOrEmpty(log) ? null : log,
                DiagnosticsText.KernelLogExcerpt(diagnostics ?? log),
                diagnostics));
        }

        var started = root.Element(Ns + "Times")?.Attribute("start") is { } start
            ? Time(start, path)
            : records.Count > 0 ? records.Min(r => r.Started) : throw new TrxFormatException(path, "it has neither a start time nor results");
        return new TrxRun(started, host, records);
    }

    private static string? Join(string? message, string? stackTrace) =>
        string.IsNullOrEmpty(stackTrace) ? message : $"{message}\n{stackTrace}";

    /// <summary>The attached files' text (the guard attaches its diagnostics file), when they still exist.</summary>
    private static string? ReadAttachments(XElement result, string trxDirectory)
    {
        var texts = new List<string>();
        foreach (var file in result.Descendants(Ns + "ResultFile"))
        {
            var relative = (string?)file.Attribute("path");
            if (string.IsNullOrEmpty(relative))
            {
                continue;
            }

            // VSTest copies attachments to <results>/<deployment>/In/<execution id>/<file>; the
            // original path is absolute. Either may survive.
            var execution = (string?)result.Attribute("executionId") ?? string.Empty;
            var candidates = new[] { relative, Path.Combine(trxDirectory, relative) }
                .Concat(Directory.Exists(trxDirectory)
                    ? Directory.EnumerateDirectories(trxDirectory).Select(d => Path.Combine(d, "In", execution, Path.GetFileName(relative)))
                    : []);
            if (candidates.FirstOrDefault(File.Exists) is { } found)
            {
                texts.Add(File.ReadAllText(found));
            }
        }

        return texts.Count == 0 ? null : string.Join("\n", texts);
    }

    private static DateTimeOffset Time(XAttribute? attribute, string path) =>
        attribute is not null && DateTimeOffset.TryParse(attribute.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new TrxFormatException(path, $"'{attribute?.Value}' is not a time ({attribute?.Parent?.Name.LocalName}/@{attribute?.Name.LocalName})");

    private static TimeSpan Duration(XAttribute? attribute, string path) =>
        attribute is null ? TimeSpan.Zero
        : TimeSpan.TryParse(attribute.Value, CultureInfo.InvariantCulture, out var duration) ? duration
        : throw new TrxFormatException(path, $"'{attribute.Value}' is not a duration");
}
