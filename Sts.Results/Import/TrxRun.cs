using Sts.Results.Model;

namespace Sts.Results.Import;

/// <summary>What a trx file holds: when the run started, on which machine, and one record per test.</summary>
/// <param name="Started">The run's start (the trx's Times/@start).</param>
/// <param name="Host">The machine the tests ran on (computerName), or "" when the file does not say.</param>
/// <param name="Records">The tests' results.</param>
public sealed record TrxRun(DateTimeOffset Started, string Host, IReadOnlyList<TestRecord> Records);
