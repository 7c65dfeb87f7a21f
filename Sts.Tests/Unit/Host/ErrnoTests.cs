using System.Globalization;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Tests.TestData;

namespace Sts.Tests.Unit.Host;

/// <summary>The errno enum against the values C's &lt;errno.h&gt; printed (TestData/errno).</summary>
public sealed class ErrnoTests
{
    private static readonly Dictionary<string, int> Header = TestDataFile.Read("errno", "errno.txt")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split(' ', 2))
        .ToDictionary(parts => parts[0], parts => int.Parse(parts[1], CultureInfo.InvariantCulture));

    [Test]
    public void Every_named_errno_has_the_value_the_C_header_gives_it()
    {
        var named = Enum.GetValues<Errno>().Where(e => e != Errno.None).ToList();

        named.Select(e => e.ToString()).Should().BeEquivalentTo(Header.Keys, "errno.c prints every member of the enum");
        foreach (var errno in named)
        {
            ((int)errno).Should().Be(Header[errno.ToString()], $"{errno} in <errno.h>");
        }
    }

    [Test]
    public void An_errno_describes_itself_with_the_C_librarys_text()
    {
        Errno.EBUSY.Describe().Should().Be("Device or resource busy");
        Errno.ENXIO.Describe().Should().Be("No such device or address");
    }
}
