using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>A multipath priority group: a path selector, its arguments, and paths that each take the same number of arguments.</summary>
public sealed record MultipathPathGroup
{
    /// <summary>Creates the group.</summary>
    /// <param name="selector">The path selector, e.g. round-robin, service-time.</param>
    /// <param name="selectorArguments">The selector's group arguments.</param>
    /// <param name="pathArgumentCount">How many arguments each path takes.</param>
    /// <param name="paths">The paths, at least one.</param>
    /// <exception cref="DmValidationException">No paths, or a path whose argument count differs.</exception>
    public MultipathPathGroup(string selector, ValueList<string> selectorArguments, int pathArgumentCount, ValueList<MultipathPath> paths)
    {
        Selector = Require.Word(selector, "path selector");
        SelectorArguments = Require.Words(selectorArguments, "selector arguments");
        Require.That(pathArgumentCount >= 0, "path arguments", "A path argument count cannot be negative.");
        PathArgumentCount = pathArgumentCount;
        Paths = Require.NotNull(paths, "paths");
        Require.That(paths.Count > 0, "paths", "A priority group needs at least one path.");
        Require.That(paths.All(p => p.Arguments.Count == pathArgumentCount), "path arguments", $"Every path of the group must take {pathArgumentCount} arguments.");
    }

    /// <summary>The path selector.</summary>
    public string Selector { get; }

    /// <summary>The selector's group arguments.</summary>
    public ValueList<string> SelectorArguments { get; }

    /// <summary>How many arguments each path takes.</summary>
    public int PathArgumentCount { get; }

    /// <summary>The paths.</summary>
    public ValueList<MultipathPath> Paths { get; }
}
