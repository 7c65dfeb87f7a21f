namespace Sts.Tests.Fuzz;

/// <summary>
/// One parser or validator under fuzzing: how to call it on text, the exceptions it documents,
/// how to write an accepted value back as text (for the round trip), extra checks, and the
/// captured outputs that seed the mutations.
/// </summary>
/// <param name="Name">A stable name, also the corpus directory (TestData/fuzz/&lt;Name&gt;).</param>
/// <param name="Parse">Calls the parser; returns what it returned (null for "refused" of a Try method).</param>
/// <param name="Documented">The exception types its XML docs promise; anything else is a finding.</param>
/// <param name="Seeds">Valid inputs, taken from Sts.Tests/TestData where there are captures.</param>
/// <param name="Format">Writes an accepted value back as text; then Format(Parse(Format(v))) must equal Format(v).</param>
/// <param name="Check">A further property of an accepted value (input, value) → a failure message or null.</param>
/// <param name="Covers">The public methods this target calls, for the completeness test ("Type.Method").</param>
internal sealed record FuzzTarget(
    string Name,
    Func<string, object?> Parse,
    Type[] Documented,
    IReadOnlyList<string> Seeds,
    Func<object, string>? Format = null,
    Func<string, object, string?>? Check = null,
    params string[] Covers)
{
    public override string ToString() => Name;
}
