using System.Globalization;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Host;
using Sts.Core.Runs;
using Sts.Dm.Backends.Ioctl;
using Sts.Dm.Naming;
using Sts.Dm.Tables;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Kernel.Backends;

/// <summary>
/// /dev/mapper is in step with the ioctl backend when its calls return: through the udev cookie
/// when udev runs, through nodes the backend makes itself when it does not. The lab VM runs the
/// suite with udev, and once more without (<c>labvm --no-udev</c>), so both paths meet the kernel.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
public sealed class IoctlBackendNodeTests
{
    [Test]
    public async Task The_mapper_node_exists_when_create_returns_and_is_gone_when_remove_returns()
    {
        TestContext.Out.WriteLine($"udev running: {Udev.IsRunning}");
        using var backend = IoctlBackend.Open();
        for (var i = 0; i < 5; i++)
        {
            var name = RunContext.Current.NewName("node") + " ;x"; // mangled on disk: node names are the kernel's
            var path = Path.Combine("/dev/mapper", DmNames.ToKernelName(name));
            try
            {
                var info = await backend.CreateAsync(name, DmTable.Parse("0 8 zero"));

                File.Exists(path).Should().BeTrue($"{path} must exist as soon as create returns");
                var stat = await new Command("stat").WithArguments("-L", "--format=%t:%T", path).ExecuteAsync();
                stat.StandardOutput.Trim().Should().Be(string.Create(CultureInfo.InvariantCulture,
                    $"{info.DeviceNumber.Major:x}:{info.DeviceNumber.Minor:x}"), "the node is the device's");

                await backend.RemoveAsync(name);

                File.Exists(path).Should().BeFalse($"{path} must be gone as soon as remove returns");
                new FileInfo(path).LinkTarget.Should().BeNull("no dangling link is left either");
            }
            finally
            {
                if (await backend.TryGetInfoAsync(name) is not null)
                {
                    await backend.RemoveAsync(name);
                }
            }
        }
    }
}
