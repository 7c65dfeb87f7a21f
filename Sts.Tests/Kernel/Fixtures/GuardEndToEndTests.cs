using System.Xml.Linq;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using Sts.Tests.Kernel.Fixtures.Probes;

namespace Sts.Tests.Kernel.Fixtures;

/// <summary>
/// The guard around destructive tests, end to end: a child <c>dotnet test</c> runs the probes
/// (a test that logs a kernel warning, a test that hangs on a suspended device) and this test
/// reads its results: both failed, with the evidence, and nothing was left behind.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[TimeLimit(900)]
public sealed class GuardEndToEndTests
{
    [Test]
    public async Task A_destructive_test_that_logs_a_kernel_warning_or_hangs_fails_with_the_evidence_and_leaves_nothing()
    {
        DestructiveAttribute.ExpectKernelFinding(GuardProbes.Warning); // the child's warning lands in this test's window too
        var directory = Directory.CreateTempSubdirectory("sts-probes-").FullName;
        try
        {
            var dll = typeof(GuardProbes).Assembly.Location;
            var result = await new Command("dotnet")
                .WithArguments("test", dll, "--filter", $"FullyQualifiedName~{typeof(GuardProbes).FullName}",
                    "--logger", "trx;LogFileName=probes.trx", "--results-directory", directory)
                .WithEnvironment(GuardProbes.Variable, "1")
                .WithEnvironment("STS_ARTIFACTS", Path.Combine(directory, "artifacts"))
                .WithValidation(CommandValidation.None)
                .WithTimeout(TimeSpan.FromMinutes(10))
                .ExecuteAsync();
            TestContext.Out.WriteLine(result.StandardOutput);

            result.ExitCode.Should().NotBe(0, "both probes fail");
            var trx = XDocument.Load(Path.Combine(directory, "probes.trx"));
            XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
            var outcomes = trx.Descendants(ns + "UnitTestResult").ToDictionary(
                r => (string)r.Attribute("testName")!,
                r => ((string)r.Attribute("outcome")!, string.Concat(r.Descendants(ns + "Message").Select(m => m.Value))));

            var warning = outcomes[nameof(GuardProbes.Logs_a_kernel_warning)];
            warning.Item1.Should().Be("Failed", "the test body passed, but the kernel logged a warning during it");
            warning.Item2.Should().Contain("Kernel health check failed").And.Contain(GuardProbes.Warning);

            var hang = outcomes[nameof(GuardProbes.Hangs_on_a_suspended_device)];
            hang.Item1.Should().Be("Failed");
            hang.Item2.Should().Contain("Time limit of 5 s exceeded").And.Contain("Show Blocked State").And.Contain("Resumed suspended device");

            Directory.GetFiles(Path.Combine(directory, "artifacts", "diagnostics")).Should().HaveCount(2, "each failed probe got its diagnostics file");
            File.Exists(Path.Combine(directory, "artifacts", "leaks.txt")).Should().BeFalse("the hung stack was torn down after the watchdog resumed it");
            (await StackBackend.Shared.ListAsync()).Should().NotContain(d => d.Name.Contains("-linear-", StringComparison.Ordinal)
                && !d.Name.StartsWith(Sts.Core.Runs.RunContext.Current.Prefix, StringComparison.Ordinal), "the child run left no device");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
