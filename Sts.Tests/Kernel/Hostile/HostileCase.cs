namespace Sts.Tests.Kernel.Hostile;

/// <summary>
/// One hostile input: what it is, the input as a reader sees it (placeholders such as {p} for
/// the run's prefix are filled in by <see cref="HostileBench.Expand"/>), the outcome it must end
/// in, and the action that feeds it to the framework through one backend.
/// </summary>
/// <param name="Category">Its family.</param>
/// <param name="Description">What is hostile about it.</param>
/// <param name="Input">The input as written in the corpus.</param>
/// <param name="Expected">The exception type it must be refused with, or null when it must give a correct device (or an answer).</param>
/// <param name="Act">Runs it through one backend; returns what a success produced (the listed name, uuid and table; the answer),
/// after checking it and removing what it created.</param>
internal sealed record HostileCase(HostileCategory Category, string Description, string Input, Type? Expected, HostileAction Act)
{
    /// <summary>"device" or the exception type's name: what the case must end in.</summary>
    public string ExpectedClass => Expected?.Name ?? HostileOutcome.Success;

    /// <summary>The case as a test log line shows it.</summary>
    public override string ToString() => $"{Category}: {Description} [{Input}]";
}

/// <summary>Feeds a case's input to the framework through one backend.</summary>
/// <param name="bench">The devices the corpus works with.</param>
/// <param name="backend">The backend under test.</param>
/// <returns>What a success produced, for comparing the backends.</returns>
internal delegate Task<string> HostileAction(HostileBench bench, Sts.Dm.Backends.IDmBackend backend);
