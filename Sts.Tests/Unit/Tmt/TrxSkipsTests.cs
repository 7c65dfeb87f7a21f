using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Host;

namespace Sts.Tests.Unit.Tmt;

/// <summary>
/// tmt/lib/trx-skips, which tmt/run-suite and tmt/run-all print after a run because dotnet test's
/// console names a skipped test without its reason, on a real trx (TestData/tmt, see its README):
/// each skipped test under the reason the trx gives, known issues left out on request.
/// </summary>
public sealed class TrxSkipsTests
{
    private static string Captured(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "tmt", name);

    [Test]
    public async Task Each_skipped_test_is_listed_under_its_reason()
    {
        var output = await RunAsync(Captured("basic-targets-6.1.trx"));

        output.Should().ContainInOrder(
            "Skipped tests and why (2):",
            "  This kernel has no dm-dust target (CONFIG_DM_DUST is not set; the lab VM preloads every dm module it has). (1):",
            "    FaultInjectorScenarios.A_dust_device_fails_reads_of_its_bad_blocks_once_enabled_lists_them_and_clears_them");
        output.Should().Contain(line => line.StartsWith("  Known kernel issue on kernel 6.1.0-57-amd64: dm-flakey corrupt_bio_byte", StringComparison.Ordinal));
        output.Should().NotContain(line => line.Contains("A_striped_device", StringComparison.Ordinal), "a passed test is not skipped");
    }

    [Test]
    public async Task Except_known_leaves_out_the_known_issues()
    {
        var output = await RunAsync("--except-known", Captured("basic-targets-6.1.trx"));

        output.Should().HaveElementAt(0, "Skipped tests and why (1):");
        output.Should().NotContain(line => line.Contains("Known", StringComparison.Ordinal) || line.Contains("flakey", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> RunAsync(params string[] arguments)
    {
        if (Tools.Find("python3") is null)
        {
            Assert.Ignore("python3 is not installed");
        }

        var script = Script();
        return (await new Command("python3").WithArguments([script, .. arguments]).ExecuteAsync()).OutputLines;
    }

    private static string Script() => SourceTree.PathOf("tmt/lib/trx-skips");
}
