using FluentAssertions;
using NUnit.Framework;
using Sts.Dm.Errors;
using Sts.Dm.Naming;

namespace Sts.Tests.Unit.DmNative;

/// <summary>
/// Name mangling as libdevmapper's "auto" mode does it (lvm2 libdm/libdm-common.c): bytes outside
/// [0-9A-Za-z#+-.:=@_] become \xNN of their UTF-8 bytes. Expected forms worked out by hand from
/// those rules (space = 0x20, ' = 0x27, ; = 0x3b, é = c3 a9).
/// </summary>
public sealed class DmNamesTests
{
    [TestCase("plain-name_1.2:3=4@5+6#7", "plain-name_1.2:3=4@5+6#7")]
    [TestCase("a b", @"a\x20b")]
    [TestCase("it's;x", @"it\x27s\x3bx")]
    [TestCase("soufflé", @"souffl\xc3\xa9")]
    [TestCase("$(id)", @"\x24\x28id\x29")]
    [TestCase(@"back\slash", @"back\x5cslash")]
    [TestCase(@"a\x20b", @"a\x20b")] // already mangled: kept as it is
    public void Names_are_stored_in_the_kernel_as_dmsetup_stores_them(string name, string kernelForm)
    {
        DmNames.ToKernelName(name).Should().Be(kernelForm);
        DmNames.FromKernelName(kernelForm).Should().Be(name.Contains(@"\x", StringComparison.Ordinal) ? "a b" : name);
    }

    [TestCase("", "empty")]
    [TestCase("a/b", "'/'")]
    [TestCase("control", "reserved")]
    [TestCase("..", "reserved")]
    [TestCase(@"a\x20b c", "mixes mangled")]
    [TestCase(@"a\x5cx20", "mangled more than once")]
    public void Invalid_names_are_refused_before_the_kernel_sees_them(string name, string reason) =>
        FluentActions.Invoking(() => DmNames.ToKernelName(name)).Should().Throw<DmNameException>().WithMessage($"*{reason}*");

    [Test]
    public void A_127_byte_name_fits_and_a_128_byte_name_does_not()
    {
        DmNames.ToKernelName(new string('n', 127)).Should().HaveLength(127);
        FluentActions.Invoking(() => DmNames.ToKernelName(new string('n', 128)))
            .Should().Throw<DmNameException>().WithMessage("*128 bytes long*at most 127*");
    }

    [Test]
    public void A_name_that_only_outgrows_the_limit_once_mangled_is_refused()
    {
        var name = new string(' ', 40); // 40 bytes, 160 once mangled
        FluentActions.Invoking(() => DmNames.ToKernelName(name)).Should().Throw<DmNameException>().WithMessage("*160 bytes*");
    }
}
