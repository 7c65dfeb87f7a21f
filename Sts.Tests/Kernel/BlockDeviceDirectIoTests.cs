using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Kernel;

/// <summary>BlockDevice's O_DIRECT reads and writes, on loop devices of the machine's own kernel.</summary>
[Destructive]
[RequiresRoot]
[RequiresLoopDevices]
public sealed class BlockDeviceDirectIoTests
{
    [Test]
    public async Task A_direct_write_lands_on_the_device_and_a_direct_read_returns_it()
    {
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(4));
        var data = RandomNumberGenerator.GetBytes(64 * 1024);

        await loop.WriteDirectAsync(Size.FromKiB(8), data);

        (await loop.ReadDirectAsync(Size.FromKiB(8), data.Length)).Should().Equal(data);
        var onFile = new byte[data.Length];
        await using (var file = new FileStream(loop.BackingFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            file.Position = 8 * 1024;
            await file.ReadExactlyAsync(onFile);
        }

        onFile.Should().Equal(data, "the bytes reached the backing file, not only a page cache");
    }

    [Test]
    public async Task Unaligned_direct_io_is_refused_before_anything_is_written()
    {
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(1));
        var before = await loop.ReadDirectAsync(Size.Zero, 4096);

        var unalignedOffset = () => loop.WriteDirectAsync(Size.FromBytes(100), new byte[4096]);
        var unalignedLength = () => loop.WriteDirectAsync(Size.Zero, new byte[1000]);

        (await unalignedOffset.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("logical block size");
        await unalignedLength.Should().ThrowAsync<ArgumentException>();
        (await loop.ReadDirectAsync(Size.Zero, 4096)).Should().Equal(before);
    }

    [Test]
    public async Task A_direct_write_the_device_refuses_fails_with_its_errno()
    {
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(1), new LoopDeviceOptions { ReadOnly = true });

        var write = () => loop.WriteDirectAsync(Size.Zero, new byte[4096]);

        var failure = await write.Should().ThrowAsync<DeviceException>();
        // The kernel refuses a write open of a read-only block device; which errno it answers has
        // varied (EPERM on 6.18, EACCES or EROFS elsewhere): the error carries whichever it was.
        var errno = failure.WithInnerException<IOException>().Which.HResult;
        errno.Should().BeOneOf([1, 13, 30], "EPERM, EACCES or EROFS: a write open of a read-only device");
        failure.Which.Message.Should().Contain($"errno {errno}");
    }
}
