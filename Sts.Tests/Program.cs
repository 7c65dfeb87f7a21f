using Sts.Tests.Kernel.Faults;

namespace Sts.Tests;

/// <summary>
/// The entry point of Sts.Tests.dll when it is run as a program rather than by a test host (the
/// test SDK's generated one is turned off): a child process a kernel test starts and kills.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [KilledRunChild.Verb, var baseDirectory, var readyFile])
        {
            return await KilledRunChild.RunAsync(baseDirectory, readyFile);
        }

        await Console.Error.WriteLineAsync($"Sts.Tests runs under a test host; as a program it only takes: {KilledRunChild.Verb} BASE READY");
        return 2;
    }
}
