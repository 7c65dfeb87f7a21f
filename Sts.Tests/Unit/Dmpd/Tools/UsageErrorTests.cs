using FluentAssertions;
using NUnit.Framework;
using Sts.Dmpd;
using Sts.Dmpd.Tools;
using Sts.Fixtures.Requirements;
using Sts.Fixtures;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>
/// Scenario 56: the tools' usage errors (missing input, a non-block non-file input, XML given to a
/// binary tool, an unknown option) exit non-zero with a message, and the library surfaces them as
/// typed outcomes and exceptions.
/// </summary>
[RequiresDmpdTool("thin_check")]
[RequiresDmpdTool("thin_dump")]
[RequiresDmpdTool("thin_restore")]
[RequiresDmpdTool("cache_check")]
[RequiresDmpdTool("era_check")]
public sealed class UsageErrorTests : DmpdToolTestBase
{
    [Test]
    [Scenario(56)]
    public async Task Checking_a_missing_file_is_a_bad_input_with_the_tools_message()
    {
        var missing = Scratch.PathOf("no-such-metadata.bin");

        var thin = await ToolSet.ThinCheckAsync(new ThinCheckOptions(missing));
        var cache = await ToolSet.CacheCheckAsync(new CacheCheckOptions(missing));
        var era = await ToolSet.EraCheckAsync(new EraCheckOptions(missing));

        foreach (var check in new[] { thin, cache, era })
        {
            check.Outcome.Should().Be(CheckOutcome.BadInput, check.StandardError);
            check.ExitCode.Should().NotBe(0);
            check.Messages.Should().NotBeEmpty();
            check.IsClean.Should().BeFalse();
        }
    }

    [TestCase("directory")]
    [TestCase("/dev/null")]
    [Scenario(56)]
    public async Task Checking_something_that_is_neither_a_block_device_nor_a_file_is_a_bad_input(string kind)
    {
        var input = kind == "directory" ? Scratch.Root : kind;

        var thin = await ToolSet.ThinCheckAsync(new ThinCheckOptions(input));
        var cache = await ToolSet.CacheCheckAsync(new CacheCheckOptions(input));

        thin.Outcome.Should().Be(CheckOutcome.BadInput, thin.StandardError);
        cache.Outcome.Should().Be(CheckOutcome.BadInput, cache.StandardError);
        thin.Messages.Should().NotBeEmpty();
        var thrown = FluentActions.Invoking(thin.ThrowIfNotClean).Should().Throw<DmpdUsageException>().Which;
        thrown.Kind.Should().Be(DmpdFailureKind.BadInput);
        thrown.Tool.Should().Be("thin_check");
    }

    [Test]
    [Scenario(56)]
    public async Task Xml_given_to_the_binary_checkers_is_reported_as_not_metadata_small_or_large()
    {
        var small = Scratch.CopyTestData("thin.xml");
        var large = Scratch.PathOf("large.xml");
        // Over 4 KiB, so the tools get past their size check and look at the content.
        var padding = string.Concat(Enumerable.Repeat("<!-- padding padding padding padding padding -->\n", 200));
        await File.WriteAllTextAsync(large, File.ReadAllText(small).Replace("</superblock>", padding + "</superblock>", StringComparison.Ordinal));
        new FileInfo(large).Length.Should().BeGreaterThan(4096);

        foreach (var xml in new[] { small, large })
        {
            var thin = await ToolSet.ThinCheckAsync(new ThinCheckOptions(xml));
            var cache = await ToolSet.CacheCheckAsync(new CacheCheckOptions(xml));
            var era = await ToolSet.EraCheckAsync(new EraCheckOptions(xml));
            foreach (var check in new[] { thin, cache, era })
            {
                check.Outcome.Should().Be(CheckOutcome.NotMetadata, check.StandardError);
                check.StandardError.Should().MatchRegex("XML|binary metadata");
            }
        }
    }

    [Test]
    [Scenario(56)]
    public async Task Non_check_tools_throw_a_usage_exception_for_a_missing_input_or_output()
    {
        var missing = Scratch.PathOf("missing.bin");

        var dump = await FluentActions.Awaiting(() => ToolSet.ThinDumpAsync(new ThinDumpOptions(missing)))
            .Should().ThrowAsync<DmpdUsageException>();
        var restore = await FluentActions.Awaiting(() => ToolSet.ThinRestoreAsync(new ThinRestoreOptions(Scratch.CopyTestData("thin.xml"), missing)))
            .Should().ThrowAsync<DmpdUsageException>();

        dump.Which.Kind.Should().Be(DmpdFailureKind.BadInput);
        dump.Which.ExitCode.Should().NotBe(0);
        dump.Which.Arguments.Should().EndWith(missing);
        dump.Which.Message.Should().Contain("thin_dump").And.Contain(missing);
        restore.Which.Kind.Should().Be(DmpdFailureKind.BadInput);
        File.Exists(missing).Should().BeFalse("thin_restore does not create its output");
    }

    [Test]
    public async Task Binary_metadata_given_to_thin_restore_fails_as_an_xml_parse_error_not_a_usage_error()
    {
        var metadata = Scratch.NewMetadataFile("meta.bin");
        await ToolSet.ThinRestoreAsync(new ThinRestoreOptions(Scratch.CopyTestData("thin.xml"), metadata));
        var output = Scratch.NewMetadataFile("out.bin");

        var failure = await FluentActions.Awaiting(() => ToolSet.ThinRestoreAsync(new ThinRestoreOptions(metadata, output)))
            .Should().ThrowAsync<DmpdToolException>();

        failure.Which.Should().NotBeOfType<DmpdUsageException>();
        failure.Which.Kind.Should().Be(DmpdFailureKind.Failed);
        failure.Which.StandardError.Should().NotBeEmpty();
    }

    [Test]
    public async Task An_option_the_tool_does_not_know_is_a_usage_error()
    {
        var metadata = Scratch.NewMetadataFile("meta.bin");

        var failure = await FluentActions.Awaiting(() => ToolSet.RunAsync(new RawOptions("thin_dump", "--sts-no-such-option", metadata)))
            .Should().ThrowAsync<DmpdUsageException>();
        var check = await ToolSet.CheckAsync(new RawCheckOptions("thin_check", "--sts-no-such-option", metadata));

        failure.Which.Kind.Should().Be(DmpdFailureKind.Usage);
        failure.Which.StandardError.Should().Contain("--sts-no-such-option");
        check.Outcome.Should().Be(CheckOutcome.UsageError);
        check.Messages.Should().NotContain(m => m.StartsWith("{-", StringComparison.Ordinal), "the usage text is not a message");
    }

    /// <summary>A caller-written invocation: argv as given, to provoke the tools' own usage errors.</summary>
    private sealed record RawOptions(string ToolName, params string[] Argv) : DmpdToolOptions
    {
        public override string Tool => ToolName;

        protected override void Write(ArgumentWriter argv) => argv.Add(Argv);
    }

    private sealed record RawCheckOptions(string ToolName, params string[] Argv) : DmpdCheckOptions(Argv[^1])
    {
        public override string Tool => ToolName;

        protected override void Write(ArgumentWriter argv) => argv.Add(Argv);
    }
}
