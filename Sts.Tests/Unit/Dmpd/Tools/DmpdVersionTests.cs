using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Dmpd;
using Sts.Dmpd.Tools;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>The installed tools' version, read once, and what it rules out.</summary>
[RequiresDmpdTool("thin_check")]
public sealed partial class DmpdVersionTests
{
    [Test]
    public async Task The_detected_version_is_the_one_thin_check_prints()
    {
        var raw = await new Command(DmpdToolSet.FindSelected("thin_check")!).WithArguments("-V").ExecuteAsync();
        var printed = VersionPattern().Match(raw.StandardOutput + raw.StandardError);

        var tools = await DmpdToolSet.DetectAsync();

        printed.Success.Should().BeTrue($"thin_check -V printed a version: '{raw.StandardOutput}'");
        tools.Version.Should().Be(Version.Parse(printed.Value));
        tools.Generation.Should().Be(tools.Version.Major >= 1 ? DmpdGeneration.Rust : DmpdGeneration.Cpp);
    }

    [TestCase("cache_check")]
    [TestCase("era_check")]
    [TestCase("thin_dump")]
    public async Task Every_tool_of_the_package_prints_the_same_version(string tool)
    {
        if (!DmpdToolSet.IsInstalled(tool))
        {
            Assert.Ignore($"{tool} is not installed");
        }

        var tools = await DmpdToolSet.DetectAsync();
        var raw = await new Command(tools.Find(tool)!).WithArguments("-V").WithValidation(CommandValidation.None).ExecuteAsync();

        VersionPattern().Match(raw.StandardOutput + raw.StandardError).Value.Should().Be(tools.Version.ToString());
    }

    [Test]
    public async Task The_selected_directory_decides_where_every_tool_runs_from()
    {
        var tools = await DmpdToolSet.DetectAsync();

        if (DmpdToolSet.SelectedDirectory is { } selected)
        {
            tools.ToolsDirectory.Should().Be(Path.GetFullPath(selected));
            tools.BuildCommand(new ThinDumpOptions("/m")).Program.Should().Be(Path.Combine(Path.GetFullPath(selected), "thin_dump"));
            tools.ToString().Should().Contain(selected.TrimEnd('/')).And.Contain(tools.Version.ToString());
        }
        else
        {
            tools.ToolsDirectory.Should().BeNull();
            tools.BuildCommand(new ThinDumpOptions("/m")).Program.Should().Be(Sts.Core.Host.Tools.Find("thin_dump"));
        }
    }

    [Test]
    public async Task A_tools_directory_without_the_tools_is_refused_at_detection_and_names_the_directory()
    {
        var empty = Directory.CreateTempSubdirectory("sts-no-dmpd-").FullName;
        try
        {
            var missing = await FluentActions.Awaiting(() => DmpdToolSet.DetectAsync(toolsDirectory: empty))
                .Should().ThrowAsync<DmpdToolNotInstalledException>();

            missing.Which.Tool.Should().Be("thin_check");
            missing.Which.Directory.Should().Be(empty);
            missing.Which.Message.Should().Contain(empty);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Test]
    public async Task A_tool_this_generation_lacks_is_not_taken_from_path_when_a_directory_is_selected()
    {
        // A directory with only this generation's thin_check: thin_dump is on PATH but must not be used.
        var only = Directory.CreateTempSubdirectory("sts-one-dmpd-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(only, "thin_check"), DmpdToolSet.FindSelected("thin_check")!);
            var tools = await DmpdToolSet.DetectAsync(toolsDirectory: only);

            tools.Find("thin_dump").Should().BeNull();
            var missing = await FluentActions.Awaiting(() => tools.ThinDumpAsync(new ThinDumpOptions("/nonexistent")))
                .Should().ThrowAsync<DmpdToolNotInstalledException>();
            missing.Which.Directory.Should().Be(only);
        }
        finally
        {
            Directory.Delete(only, recursive: true);
        }
    }

    [Test]
    public async Task On_the_cpp_generation_the_rust_only_tools_are_refused_before_anything_runs()
    {
        var tools = await DmpdToolSet.DetectAsync();
        if (tools.Generation != DmpdGeneration.Cpp)
        {
            Assert.Ignore($"tools {tools.Version} are the Rust generation; its counterpart is On_the_rust_generation_the_cpp_only_options_are_refused_before_anything_runs");
        }

        await FluentActions.Awaiting(() => tools.ThinShrinkAsync(new ThinShrinkOptions("/in.xml", "/out.xml", "/dev/null", 1)))
            .Should().ThrowAsync<DmpdOptionNotSupportedException>();
        await FluentActions.Awaiting(() => tools.EraRepairAsync(new EraRepairOptions("/in", "/out")))
            .Should().ThrowAsync<DmpdOptionNotSupportedException>();
        await FluentActions.Awaiting(() => tools.ThinMetadataPackAsync(new ThinMetadataPackOptions("/in", "/out")))
            .Should().ThrowAsync<DmpdOptionNotSupportedException>();
        await FluentActions.Awaiting(() => tools.ThinMetadataUnpackAsync(new ThinMetadataUnpackOptions("/in", "/out")))
            .Should().ThrowAsync<DmpdOptionNotSupportedException>();
        var check = await FluentActions.Awaiting(() => tools.ThinCheckAsync(new ThinCheckOptions("/nonexistent") { OverrideDetailsRoot = 1 }))
            .Should().ThrowAsync<DmpdOptionNotSupportedException>();
        check.Which.Version.Should().Be(tools.Version);
    }

    [Test]
    public async Task On_the_rust_generation_the_cpp_only_options_are_refused_before_anything_runs()
    {
        var tools = await DmpdToolSet.DetectAsync();
        if (tools.Generation != DmpdGeneration.Rust)
        {
            Assert.Ignore($"tools {tools.Version} are the C++ generation; its counterpart is On_the_cpp_generation_the_rust_only_tools_are_refused_before_anything_runs");
        }

        var delta = await FluentActions.Awaiting(() => tools.ThinDeltaAsync(new ThinDeltaOptions("/nonexistent") { Thin1 = 1, Thin2 = 2, MetadataSnapshotBlock = 7 }))
            .Should().ThrowAsync<DmpdOptionNotSupportedException>();
        delta.Which.Version.Should().Be(tools.Version);
        await FluentActions.Awaiting(() => tools.CacheRestoreAsync(new CacheRestoreOptions("/in.xml", "/out") { DebugOverrideMetadataVersion = 2 }))
            .Should().ThrowAsync<DmpdOptionNotSupportedException>();
    }

    [GeneratedRegex(@"\d+\.\d+\.\d+")]
    private static partial Regex VersionPattern();
}
