using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Devices;

namespace Sts.Tests.Unit.Devices;

public sealed class DeviceNumberTests
{
    // Encodings from the kernel's new_encode_dev(): (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12).
    [TestCase(7u, 0u, 0x700UL)]
    [TestCase(253u, 3u, 0xFD03UL)]
    [TestCase(259u, 256u, 0x110300UL)] // 259 << 8 = 0x10300, 256 << 12 = 0x100000
    public void Encodes_like_the_kernel_and_decodes_back(uint major, uint minor, ulong encoded)
    {
        var number = new DeviceNumber(major, minor);
        number.Encoded.Should().Be(encoded);
        DeviceNumber.FromEncoded(encoded).Should().Be(number);
    }

    [Test]
    public void Parses_and_prints_major_colon_minor()
    {
        DeviceNumber.Parse("253:12\n").Should().Be(new DeviceNumber(253, 12));
        new DeviceNumber(7, 3).ToString().Should().Be("7:3");
        FluentActions.Invoking(() => DeviceNumber.Parse("253")).Should().Throw<FormatException>();
    }
}
