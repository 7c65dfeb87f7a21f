using NUnit.Framework;

namespace Sts.Tests.Unit.Dmpd;

/// <summary>Set-up shared by the dmpd tests that write files: a fresh <see cref="MetadataScratch"/> per test, deleted when it ends.</summary>
public abstract class ScratchTestBase
{
    protected MetadataScratch Scratch { get; private set; } = null!;

    [SetUp]
    public void CreateScratch() => Scratch = new MetadataScratch();

    [TearDown]
    public void RemoveScratch() => Scratch.Dispose();
}
