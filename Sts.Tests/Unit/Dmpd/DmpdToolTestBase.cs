using NUnit.Framework;
using Sts.Dmpd.Tools;

namespace Sts.Tests.Unit.Dmpd;

/// <summary>
/// Set-up shared by the tests of the dmpd wrappers against the installed tools: the tool set,
/// detected once per fixture, and a fresh <see cref="MetadataScratch"/> per test.
/// </summary>
public abstract class DmpdToolTestBase : ScratchTestBase
{
    protected DmpdToolSet ToolSet { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task DetectTools() => ToolSet = await DmpdToolSet.DetectAsync();
}
