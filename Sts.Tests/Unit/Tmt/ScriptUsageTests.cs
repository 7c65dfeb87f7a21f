using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Host;

namespace Sts.Tests.Unit.Tmt;

/// <summary>
/// The scripts under tmt/ treat bad arguments as usage errors: a missing option value or an
/// unknown option exits 2 with a message naming the option (never bash's "unbound variable"),
/// and --help prints the help and does nothing else. Each case stops before anything is built,
/// booted or installed, so these run on any machine in a few seconds.
/// </summary>
public sealed class ScriptUsageTests
{
    private static readonly string[] BashErrors = ["unbound variable", "command not found", "syntax error"];

    [TestCase("tmt/run-suite", "--filter needs a value", "--filter")]
    [TestCase("tmt/run-suite", "--kernel needs a value", "--kernel")]
    [TestCase("tmt/run-suite", "--tools needs a value", "--tools")]
    [TestCase("tmt/run-suite", "--matrix needs a value", "--matrix")]
    [TestCase("tmt/run-suite", "--artifacts needs a value", "--artifacts")]
    [TestCase("tmt/run-suite", "--suite needs a value", "--kernel-package", "linux-image-amd64", "--suite")]
    [TestCase("tmt/run-suite", "unknown option '--bogus'", "--bogus")]
    [TestCase("tmt/run-all", "--filter needs a value", "--filter")]
    [TestCase("tmt/run-all", "--kernel needs a value", "--kernel")]
    [TestCase("tmt/run-all", "--matrix needs a value", "--matrix")]
    [TestCase("tmt/run-all", "--tools needs a value", "--tools")]
    [TestCase("tmt/run-all", "--artifacts needs a value", "--artifacts")]
    [TestCase("tmt/run-all", "unknown option '--bogus'", "--bogus")]
    [TestCase("tmt/labvm/labvm", "unknown option --bogus", "--bogus")]
    [TestCase("tmt/labvm/labvm", "unknown option --bogus", "--bogus=1")]
    [TestCase("tmt/labvm/labvm", "--kernel needs a value", "--kernel")]
    [TestCase("tmt/labvm/labvm", "--memory needs a value", "--memory")]
    [TestCase("tmt/labvm/labvm", "--artifacts needs a value", "--artifacts")]
    [TestCase("tmt/labvm/labvm", "--env needs a value", "--env")]
    [TestCase("tmt/labvm/labvm", "no command given", "--quiet")]
    [TestCase("tmt/labvm/setup", "unknown option or argument '--bogus'", "--bogus")]
    [TestCase("tmt/run-area", "usage: tmt/run-area FILTER")]
    [TestCase("tmt/run-area", "unknown option '--bogus'", "--bogus")]
    [TestCase("tmt/run-area", "usage: tmt/run-area FILTER", "a", "b")]
    [TestCase("tmt/run-unprivileged", "--artifacts needs a value", "--artifacts")]
    [TestCase("tmt/run-unprivileged", "--user needs a value", "--user")]
    [TestCase("tmt/run-unprivileged", "unknown option '--bogus'", "--bogus")]
    [TestCase("tmt/check-allure", "--history needs a value", "--history")]
    [TestCase("tmt/check-allure", "unknown option '--bogus'", "--bogus")]
    [TestCase("tmt/check-allure", "no artifacts directory given")]
    [TestCase("tmt/lib/debfetch", "--suite needs a value", "--suite")]
    [TestCase("tmt/lib/debfetch", "--dest needs a value", "--dest")]
    [TestCase("tmt/lib/debfetch", "unknown option --bogus", "--bogus")]
    [TestCase("tmt/lib/debfetch", "no package given")]
    public async Task A_bad_argument_is_a_usage_error_with_exit_2_and_a_message_naming_it(string script, string message, params string[] arguments)
    {
        var result = await RunAsync(script, arguments);

        result.ExitCode.Should().Be(2, "a usage error exits 2; stderr: {0}", result.StandardError);
        result.StandardError.Should().Contain(message);
        result.StandardError.Should().Contain("--help", "the message points at the help");
        result.StandardError.Should().NotContainAny(BashErrors);
    }

    [Test]
    public async Task Lint_fmf_without_a_schemas_value_is_a_usage_error()
    {
        if (Tools.Find("python3") is null)
        {
            Assert.Ignore("python3 is not installed");
        }

        var result = await RunAsync("tmt/lint-fmf", ["--schemas"], interpreter: "python3");

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("usage: lint-fmf").And.Contain("--schemas: expected one argument");
    }

    [Test]
    public async Task Run_area_without_tmt_test_data_is_a_usage_error()
    {
        var result = await RunAsync("tmt/run-area", ["Name=x"], environment: ("TMT_TEST_DATA", null));

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("TMT_TEST_DATA must name the test data directory").And.Contain("usage: tmt/run-area FILTER");
    }

    [TestCase("tmt/run-suite", "tmt/run-suite [--filter EXPR]")]
    [TestCase("tmt/run-all", "tmt/run-all [--artifacts DIR]")]
    [TestCase("tmt/labvm/labvm", "usage: tmt/labvm/labvm [options] -- COMMAND")]
    [TestCase("tmt/run-area", "tmt/run-area FILTER")]
    [TestCase("tmt/run-unprivileged", "tmt/run-unprivileged [--artifacts DIR] [--user NAME]")]
    [TestCase("tmt/check-allure", "tmt/check-allure [--setup] [--history DIR] ARTIFACTS_DIR...")]
    [TestCase("tmt/lib/debfetch", "tmt/lib/debfetch [--suite SUITE]")]
    public async Task Help_prints_the_usage_and_nothing_else(string script, string synopsis)
    {
        // Options after --help that would fail (or start work) if they were acted upon.
        var result = await RunAsync(script, ["--help", "--bogus"]);

        result.ExitCode.Should().Be(0, "stderr: {0}", result.StandardError);
        result.StandardOutput.Should().Contain(synopsis);
        result.StandardOutput.Should().NotContain("==>", "help starts no phase");
        result.StandardError.Should().BeEmpty();
    }

    [Test]
    public async Task Setup_help_helps_and_never_runs_apt_or_dpkg()
    {
        var bin = FakeTools(recordingApt: true);
        try
        {
            var result = await RunAsync("tmt/labvm/setup", ["--help"], environment: ("PATH", bin));

            result.ExitCode.Should().Be(0, "stderr: {0}", result.StandardError);
            result.StandardOutput.Should().Contain("tmt/labvm/setup [--check]");
            File.Exists(Path.Combine(bin, "called")).Should().BeFalse("--help runs neither apt-get nor dpkg-query");
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    [Test]
    public async Task Setup_without_dpkg_names_the_fedora_packages_and_installs_nothing()
    {
        var bin = FakeTools(recordingApt: false);
        try
        {
            var result = await RunAsync("tmt/labvm/setup", [], environment: ("PATH", bin));

            result.ExitCode.Should().Be(1);
            result.StandardError.Should().Contain("not a Debian-based system")
                .And.Contain("dnf install")
                .And.Contain("device-mapper-persistent-data")
                .And.Contain("qemu-system-x86-core");
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    /// <summary>
    /// A PATH of its own: awk (the help printer) and, with <paramref name="recordingApt"/>,
    /// apt-get and dpkg-query stand-ins that record any call in the file "called".
    /// </summary>
    private static string FakeTools(bool recordingApt)
    {
        var bin = Directory.CreateTempSubdirectory("sts-fake-path-").FullName;
        var awk = Tools.Find("awk") ?? throw new InconclusiveException("awk is not installed");
        File.CreateSymbolicLink(Path.Combine(bin, "awk"), awk);
        if (recordingApt)
        {
            foreach (var tool in new[] { "apt-get", "dpkg-query" })
            {
                var path = Path.Combine(bin, tool);
                File.WriteAllText(path, $"#!/bin/sh\necho {tool} >> '{bin}/called'\nexit 0\n");
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return bin;
    }

    private static async Task<CommandResult> RunAsync(string script, string[] arguments,
        string interpreter = "/bin/bash", (string Name, string? Value)? environment = null)
    {
        var command = new Command(interpreter).WithArguments([Path.Combine(Repository(), script), .. arguments])
            .WithValidation(CommandValidation.None).WithTimeout(TimeSpan.FromSeconds(60));
        if (environment is { } variable)
        {
            command = command.WithEnvironment(variable.Name, variable.Value);
        }

        return await command.ExecuteAsync();
    }

    private static string Repository() => SourceTree.Root("tmt/run-suite");
}
