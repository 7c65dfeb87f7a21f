using System.Globalization;
using Sts.Core.Runs;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Kernel.Faults;

/// <summary>
/// The child process <see cref="KilledRunTests"/> kills: <c>dotnet Sts.Tests.dll fault-child BASE READY</c>
/// opens a run of its own under BASE, writes its pid to READY, then builds and tears down stacks
/// of every kind, one after the other, until it is killed. A plain process rather than a child
/// <c>dotnet test</c>: the test host alone takes about 40 s to start under emulation.
/// </summary>
internal static class KilledRunChild
{
    public const string Verb = "fault-child";

    public static async Task<int> RunAsync(string baseDirectory, string readyFile)
    {
        var run = RunContext.Create(baseDirectory);
        await File.WriteAllTextAsync(readyFile + ".tmp", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        File.Move(readyFile + ".tmp", readyFile);
        for (var round = 0; ; round++)
        {
            await using var stack = new DeviceStack(run: run);
            await StackKinds.BuildAsync(StackKinds.Names[round % StackKinds.Names.Length], stack);
        }
    }
}
