namespace Sts.Tests.Scenarios.Kit;

/// <summary>What thin_ls says about one thin device, in data blocks.</summary>
/// <param name="Mapped">Blocks it maps.</param>
/// <param name="Exclusive">Blocks only it maps.</param>
/// <param name="Shared">Blocks it shares with another thin (a snapshot or its origin).</param>
internal readonly record struct ThinUsage(ulong Mapped, ulong Exclusive, ulong Shared);
