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
    public void Names_are_stored_in_the_kernel_as_dmsetup_stores_them(string name, string kernelForm)
    {
        DmNames.ToKernelName(name).Should().Be(kernelForm);
        DmNames.FromKernelName(kernelForm).Should().Be(name);
    }

    [TestCase("", "empty")]
    [TestCase("a/b", "'/'")]
    [TestCase("control", "reserved")]
    [TestCase("..", "reserved")]
    [TestCase(@"a\x20b c", @"contains ""\x""")]
    [TestCase(@"a\x5cx20", @"contains ""\x""")]
    [TestCase(@"a\x2fb", @"contains ""\x""")] // issue 13: accepted, then listed back as "a/b"
    [TestCase(@"\x79", @"contains ""\x""")] // issue 13: accepted, then listed back as "y"
    public void Invalid_names_are_refused_before_the_kernel_sees_them(string name, string reason) =>
        FluentActions.Invoking(() => DmNames.ToKernelName(name)).Should().Throw<DmNameException>().WithMessage($"*{reason}*");

    [Test]
    public void A_name_or_uuid_given_already_mangled_or_with_a_lone_surrogate_is_refused()
    {
        // issue 13: accepted, then listed back with U+FFFD (a code literal: attribute blobs cannot hold a lone surrogate)
        FluentActions.Invoking(() => DmNames.ToKernelName("a\ud800b")).Should().Throw<DmNameException>().WithMessage("*lone surrogate*");
        FluentActions.Invoking(() => DmNames.ToKernelUuid(@"LVM-\x2f")).Should().Throw<DmNameException>();
        FluentActions.Invoking(() => DmNames.ToKernelUuid("LVM-\udc00")).Should().Throw<DmNameException>();
    }

    [TestCase(@"back\slash x")]
    [TestCase(@"\\")]
    [TestCase("soufflé\u0085\t")]
    [TestCase("😀 emoji")]
    public void Every_accepted_name_lists_back_as_it_was_given(string name) =>
        DmNames.FromKernelName(DmNames.ToKernelName(name)).Should().Be(name);

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
