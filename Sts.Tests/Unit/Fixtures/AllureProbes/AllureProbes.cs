using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Fixtures;

namespace Sts.Tests.Unit.Fixtures.AllureProbes;

/// <summary>
/// Tests with every outcome the Allure writer maps, for <see cref="AllureResultsTests"/> to run in
/// a child <c>dotnet test</c> (STS_ALLURE_PROBE=1) and read back. Anywhere else they are skipped.
/// </summary>
public sealed class AllureProbes
{
    public const string Variable = "STS_ALLURE_PROBE";

    public static void OnlyInsideTheSelfTest()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Assert.Ignore($"a probe with a set outcome; it runs only in AllureResultsTests ({Variable}=1)");
        }
    }

    [OneTimeSetUp]
    public void Prepare() => OnlyInsideTheSelfTest();

    [OneTimeTearDown]
    public void Done()
    {
    }

    [Test]
    public async Task Passes_after_running_a_command() =>
        await new Command("true").ExecuteAsync();

    // The property the Scenario attribute sets, without its category: a probe must not join the suite or the catalog.
    [Test]
    [Category("Probe")]
    [Property("Scenario", "17")]
    public void Passes_as_a_scenario()
    {
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Passes_with_an_argument(int number) => Assert.That(number, Is.Positive);

    // Cases Allure folded into retries of one another when the writer showed null and "" alike
    // and an array by its type's name (seen in CI with StsEnvironmentTests and ScriptUsageTests).
    [TestCase(null, new[] { "--bogus" })]
    [TestCase("", new[] { "--bogus" })]
    [TestCase("", new[] { "--bogus=1" })]
    public void Passes_with_arguments_that_once_displayed_alike(string? text, string[] words) => Assert.That(words, Is.Not.Empty);

    [Test]
    public void Fails_an_assertion() => Assert.Fail("probe assertion failed");

    [Test]
    public void Throws() => throw new InvalidOperationException("probe exception");

    [Test]
    [KnownKernelIssue("probe bug, fixed upstream by nothing", ".*")]
    public void Fails_as_a_known_kernel_issue_predicts() => Assert.Fail("probe known failure");

    [Test]
    public void Finds_a_kernel_warning() =>
        throw new KernelHealthException("Kernel health check failed:\n  WARNING: CPU: 0 PID: 1 at probe.c:1 probe+0x0/0x10");

    [Test]
    public void Hangs() =>
        throw new KernelHealthException("Time limit of 5 s exceeded by probe.\nBlocked tasks: probe");

    [Test]
    public void Misses_a_prerequisite() => Assert.Ignore("Prerequisite missing: probe device");
}
