using Sts.Dm.Backends;
using Sts.Dm.Backends.Dmsetup;
using Sts.Dm.Backends.Ioctl;

namespace Sts.Tests.Kernel.Backends;

/// <summary>The backends a fixture parametrised by backend name ([TestFixture("ioctl")], [TestFixture("dmsetup")]) runs against.</summary>
internal static class TestBackends
{
    /// <summary>Opens the backend a fixture's parameter names.</summary>
    /// <param name="name">"ioctl" or "dmsetup".</param>
    /// <returns>The backend; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static IDmBackend Open(string name) => name switch
    {
        "ioctl" => IoctlBackend.Open(),
        "dmsetup" => new DmsetupBackend(),
        _ => throw new ArgumentException($"No backend named '{name}': use \"ioctl\" or \"dmsetup\".", nameof(name)),
    };
}
