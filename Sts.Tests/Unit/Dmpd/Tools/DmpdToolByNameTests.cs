using System.Runtime.CompilerServices;
using FluentAssertions;
using NUnit.Framework;
using Sts.Dmpd.Tools;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>The by-name facade over the persistent-data tools: every typed tool is reachable by its name, with help, version and run.</summary>
[RequiresTool("thin_check")]
public sealed class DmpdToolByNameTests : DmpdToolTestBase
{
    [Test]
    public void Every_tool_with_typed_options_is_reachable_by_its_name_and_no_name_lacks_options()
    {
        var typed = typeof(DmpdToolOptions).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(DmpdToolOptions)) && !t.IsAbstract)
            .Select(t => ((DmpdToolOptions)RuntimeHelpers.GetUninitializedObject(t)).Tool)
            .Distinct()
            .ToList();

        typed.Should().HaveCountGreaterThan(20);
        DmpdTool.Names.Should().BeEquivalentTo(typed);
        foreach (var name in typed)
        {
            DmpdTool.Named(name).Name.Should().Be(name);
        }
    }

    [Test]
    public void An_unknown_name_is_refused_with_the_known_names()
    {
        var refusal = FluentActions.Invoking(() => DmpdTool.Named("thin_chekc")).Should().Throw<ArgumentException>().Which;
        refusal.Message.Should().Contain("thin_chekc").And.Contain("thin_check");
    }

    [TestCase("thin_check")]
    [TestCase("cache_check")]
    [TestCase("era_check")]
    public async Task Help_and_version_come_from_the_installed_tool(string name)
    {
        var tool = DmpdTool.Named(name);

        (await tool.HelpAsync()).Should().ContainEquivalentOf("usage").And.Contain(name);
        (await tool.VersionAsync()).Should().Be(ToolSet.Version, "one package ships every tool");
    }

    [Test]
    public async Task Run_takes_only_its_own_tools_options_and_checks_through_the_tool_set()
    {
        var thinCheck = DmpdTool.Named("thin_check");

        await FluentActions.Awaiting(() => thinCheck.CheckAsync(ToolSet, new CacheCheckOptions("/nonexistent")))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*cache_check*thin_check*");
        var check = await thinCheck.CheckAsync(ToolSet, new ThinCheckOptions(Scratch.NewMetadataFile("zeroes.bin")));
        check.Outcome.Should().NotBe(CheckOutcome.Clean, "zeroes are not thin metadata");
    }
}
