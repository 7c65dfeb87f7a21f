namespace Sts.Tests.Kernel.Faults;

/// <summary>The failure the campaign injects at a step through <c>DeviceStack.FaultHook</c>.</summary>
internal sealed class InjectedFaultException(string step) : Exception($"injected fault at: {step}")
{
    public string Step { get; } = step;
}
