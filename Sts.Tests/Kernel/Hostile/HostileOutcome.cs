using Sts.Core;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>How one case ended on one backend.</summary>
/// <param name="Class">"ok" for a correct device or an answer, else the exception's type name.</param>
/// <param name="Detail">What a success produced (listed name, uuid, table; an answer), or the exception's message.</param>
/// <param name="Typed">True for a success or an exception of the StsException family (the types the API documents).</param>
internal sealed record HostileOutcome(string Class, string Detail, bool Typed)
{
    /// <summary>The class of a success.</summary>
    public const string Success = "ok";

    /// <summary>True when the case succeeded.</summary>
    public bool Succeeded => Class == Success;

    /// <summary>Runs a case's action and records how it ended.</summary>
    /// <param name="hostileCase">The case.</param>
    /// <param name="bench">The bench.</param>
    /// <param name="backend">The backend under test.</param>
    /// <returns>The outcome.</returns>
    public static async Task<HostileOutcome> OfAsync(HostileCase hostileCase, HostileBench bench, Sts.Dm.Backends.IDmBackend backend)
    {
        try
        {
            return new HostileOutcome(Success, await hostileCase.Act(bench, backend), Typed: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HostileOutcome(ex.GetType().Name, ex.Message, ex is StsException);
        }
    }
}
