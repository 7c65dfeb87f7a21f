using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Units;
using Sts.Tests.TestData;

namespace Sts.Tests.Unit.Devices;

/// <summary>losetup's JSON list, as util-linux 2.38.1 wrote it (TestData/losetup/README.md).</summary>
public sealed class LoopListParsingTests
{
    [Test]
    public void Reads_every_device_with_its_flags_and_a_backing_file_name_full_of_metacharacters()
    {
        var devices = LoopDevice.ParseList(TestDataFile.Read("losetup", "list-2.38.1.json"));

        devices.Should().Equal(
            new LoopDeviceInfo("/dev/loop1", "/tmp/sts dir/it's; $(x).img", Size.Zero, Size.Zero, ReadOnly: true, DirectIo: false, 4096),
            new LoopDeviceInfo("/dev/loop2", "/tmp/gone.img (deleted)", Size.Zero, Size.Zero, ReadOnly: false, DirectIo: false, 512),
            new LoopDeviceInfo("/dev/loop0", "/tmp/t.img", Size.Zero, Size.Zero, ReadOnly: false, DirectIo: true, 512));
    }

    [Test]
    public void Older_util_linux_string_flags_are_read_too()
    {
        // util-linux 2.34 (e.g. RHEL 8) wrote numbers and flags as strings.
        const string json = """{"loopdevices": [{"name":"/dev/loop0", "back-file":"/a", "sizelimit":"0", "offset":"4096", "ro":"1", "dio":"0", "log-sec":"512"}]}""";

        LoopDevice.ParseList(json).Should().ContainSingle()
            .Which.Should().Be(new LoopDeviceInfo("/dev/loop0", "/a", Size.FromKiB(4), Size.Zero, true, false, 512));
    }

    [Test]
    public void No_output_means_no_devices() => LoopDevice.ParseList("").Should().BeEmpty();

    [Test]
    public void Output_that_is_not_losetups_json_is_an_error_quoting_it() =>
        FluentActions.Invoking(() => LoopDevice.ParseList("""{"devices": []}"""))
            .Should().Throw<StsException>().WithMessage("*losetup*{\"devices\": []}*");
}
