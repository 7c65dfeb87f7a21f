namespace Sts.Tests.Kernel.Hostile;

/// <summary>A device a case created lists back different from what was asked: never a typed error, always a finding.</summary>
internal sealed class HostileMismatchException(string message) : Exception(message);
