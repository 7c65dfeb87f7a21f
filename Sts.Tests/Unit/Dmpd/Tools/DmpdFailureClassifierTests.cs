using FluentAssertions;
using NUnit.Framework;
using Sts.Dmpd;
using Sts.Dmpd.Tools;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>
/// Outcomes from captured messages: 0.9.0's as the installed tools printed them, 1.x's as
/// src/commands/utils.rs and clap write them (exit 64 for errors, 2 for clap usage errors).
/// </summary>
public sealed class DmpdFailureClassifierTests
{
    [Test]
    public void A_zeroed_superblock_is_errors_found_and_the_messages_leave_the_progress_lines_out()
    {
        const string stderr = "examining superblock\n  superblock is corrupt\n    bad checksum in superblock, wanted 1490015127\n";

        var result = CheckResult.FromRun("thin_check", ["/m"], 1, string.Empty, stderr, TimeSpan.Zero);

        result.Outcome.Should().Be(CheckOutcome.ErrorsFound);
        result.Messages.Should().Equal("superblock is corrupt", "bad checksum in superblock, wanted 1490015127");
        result.SuperblockDamaged.Should().BeTrue();
        result.NeedsRepair.Should().BeTrue();
        FluentActions.Invoking(result.ThrowIfNotClean).Should().Throw<DmpdToolException>()
            .Which.Kind.Should().Be(DmpdFailureKind.MetadataDamaged);
    }

    [TestCase(1, "examining superblock\n  superblock is corrupt\n    bad checksum in superblock, wanted 2259104946\nThis looks like XML.  thin_check only checks the binary metadata format.\n", CheckOutcome.NotMetadata)]
    [TestCase(1, "Metadata device/file too small.  Is this binary metadata?\n", CheckOutcome.NotMetadata)]
    [TestCase(1, "No input file provided.\nUsage: thin_check [options] {device|file}\nOptions:\n  {-q|--quiet}\n", CheckOutcome.UsageError)]
    [TestCase(1, "thin_check: unrecognized option '--bogus'\nUsage: thin_check [options] {device|file}\n", CheckOutcome.UsageError)]
    [TestCase(1, "Couldn't stat path\n", CheckOutcome.BadInput)]
    [TestCase(1, "bad path\n", CheckOutcome.BadInput)]
    [TestCase(1, "/tmp: Not a block device or regular file\n", CheckOutcome.BadInput)]
    [TestCase(1, "/nonexist: No such file or directory\n", CheckOutcome.BadInput)]
    [TestCase(1, "No metadata snapshot found.\n", CheckOutcome.Failed)]
    [TestCase(134, "examining superblock\nmissing eras from era array\n  bad checksum in array block node\nera_check: optional.hpp:1211: Assertion `this->is_initialized()' failed.\n", CheckOutcome.Crashed)]
    [TestCase(64, "Couldn't find input file '/x'\n", CheckOutcome.BadInput)]
    [TestCase(64, "This looks like XML.  This tool only supports the binary metadata format.\n", CheckOutcome.NotMetadata)]
    [TestCase(2, "error: Found argument '--bogus' which wasn't expected, or isn't valid in this context\n", CheckOutcome.UsageError)]
    [TestCase(2, "error: unexpected argument '--bogus' found\n", CheckOutcome.UsageError)]
    [TestCase(64, "bad checksum in superblock\n", CheckOutcome.ErrorsFound)]
    [TestCase(0, "examining superblock\n", CheckOutcome.Clean)]
    public void Check_outcomes_follow_the_exit_code_and_the_tools_messages(int exitCode, string stderr, CheckOutcome expected)
    {
        DmpdFailureClassifier.ClassifyCheck(exitCode, stderr).Should().Be(expected);
    }

    [Test]
    public void A_message_followed_by_usage_text_is_not_a_usage_error_when_the_message_is_about_the_metadata()
    {
        // 0.9.0's thin_delta prints its usage after any failure.
        const string stderr = "no current metadata snap\nUsage: thin_delta [options] <device or file>\nOptions:\n";

        DmpdFailureClassifier.Classify(1, stderr, checkingTool: false).Should().Be(DmpdFailureKind.Failed);
        DmpdFailureClassifier.Classify(1, "bad checksum in superblock, wanted 1\nUsage: thin_delta\n", checkingTool: false)
            .Should().Be(DmpdFailureKind.MetadataDamaged);
        DmpdFailureClassifier.Classify(1, "The following field needs to be provided on the command line due to corruption in the superblock: transaction id\n", checkingTool: false)
            .Should().Be(DmpdFailureKind.MetadataDamaged);
    }
}
