using System.Xml.Linq;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Kernel.Fixtures;

/// <summary>
/// The run-wide set-up lives in Sts.Fixtures: a second test assembly in the repository
/// (examples/Sts.Fixtures.Example) gets it from one assembly attribute. Run as a child
/// <c>dotnet test</c>, its quiet tests pass, and a test that leaks a loop device fails (so does
/// the run), with the leak named in leaks.txt and removed.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresLoopDevices]
[TimeLimit(600)]
public sealed class StsTestRunTests
{
    [Test]
    public async Task Another_test_assembly_gets_the_run_set_up_and_its_leak_check_from_one_attribute()
    {
        var dll = ExampleAssembly();
        var directory = Directory.CreateTempSubdirectory("sts-example-").FullName;
        try
        {
            var quiet = await RunAsync(dll, directory, "quiet", "Name!=Leaks_a_loop_device", leak: false);
            quiet.ExitCode.Should().Be(0, quiet.StandardOutput);
            Outcomes(directory, "quiet").Should().Contain(new KeyValuePair<string, string>("The_run_wide_set_up_came_with_the_assembly_attribute", "Passed"));
            File.Exists(Path.Combine(directory, "quiet", "leaks.txt")).Should().BeFalse();

            var leaking = await RunAsync(dll, directory, "leak", "Name=Leaks_a_loop_device", leak: true);
            TestContext.Out.WriteLine(leaking.StandardOutput);
            leaking.ExitCode.Should().NotBe(0, "the leak check after the test fails it, and so the run");
            Outcomes(directory, "leak").Should().Contain(new KeyValuePair<string, string>("Leaks_a_loop_device", "Failed"));
            var leaks = await File.ReadAllTextAsync(Path.Combine(directory, "leak", "leaks.txt"));
            leaks.Should().Contain("loop", "the leaked loop device is named");
            var leakedFile = leaks.Split(['\n', ' ', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries).First(w => w.EndsWith(".img", StringComparison.Ordinal));
            (await LoopDevice.ListAsync()).Should().NotContain(l => l.BackingFile == leakedFile, "the leak check removed what it found");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<CommandResult> RunAsync(string dll, string directory, string name, string filter, bool leak) =>
        new Command("dotnet")
            .WithArguments("test", dll, "--filter", filter, "--logger", $"trx;LogFileName={name}.trx", "--results-directory", directory)
            .WithEnvironment("STS_EXAMPLE_LEAK", leak ? "1" : "0")
            .WithEnvironment("STS_ARTIFACTS", Path.Combine(directory, name))
            .WithValidation(CommandValidation.None)
            .WithTimeout(TimeSpan.FromMinutes(5))
            .ExecuteAsync();

    private static Dictionary<string, string> Outcomes(string directory, string name)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        return XDocument.Load(Path.Combine(directory, $"{name}.trx")).Descendants(ns + "UnitTestResult")
            .ToDictionary(r => (string)r.Attribute("testName")!, r => (string)r.Attribute("outcome")!);
    }

    /// <summary>The example assembly, built beside this one: examples/Sts.Fixtures.Example/bin/&lt;configuration&gt;/&lt;tfm&gt;/.</summary>
    private static string ExampleAssembly()
    {
        // This assembly runs from bin/<configuration>/<tfm>/ or a copy below it (the lab VM's r2r/).
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var output = here;
        while (output.Parent?.Parent is { } bin && bin.Name != "bin")
        {
            output = output.Parent;
        }

        var (framework, configuration) = (output.Name, output.Parent!.Name);
        for (var root = here; root is not null; root = root.Parent)
        {
            if (File.Exists(Path.Combine(root.FullName, "Sts.sln")))
            {
                var dll = Path.Combine(root.FullName, "examples", "Sts.Fixtures.Example", "bin", configuration, framework, "Sts.Fixtures.Example.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution: the example test assembly is missing.", dll);
            }
        }

        throw new DirectoryNotFoundException($"No Sts.sln above {here.FullName}.");
    }
}
