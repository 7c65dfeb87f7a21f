using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;

namespace Sts.Tests.Unit.Commands;

/// <summary>argv reaches the program byte for byte: no shell ever interprets it.</summary>
public sealed class CommandArgvTests
{
    // Each of these would be mangled, split, expanded or executed by a shell.
    private static readonly string[] HostileArguments =
    [
        "a b", "  leading and trailing  ", "it's", "\"double\"", "semi;colon", "$(touch /tmp/sts-pwned)", "`id`",
        "$HOME", "*", "~", "back\\slash", "pipe|and&amp", "redirect>out", "new\nline", "tab\there", "soufflé",
        "日本語", "emoji🙂", "", "--not-an-option-for-printf", "-n",
    ];

    [Test]
    public async Task Every_argument_arrives_verbatim_whatever_a_shell_would_do_with_it()
    {
        // printf receives the format, then each argument; "%s\0" echoes each back NUL-terminated.
        var result = await new Command("printf").WithArguments(["%s\\0", .. HostileArguments]).ExecuteAsync();

        var echoed = result.StandardOutput.Split('\0')[..^1];
        echoed.Should().Equal(HostileArguments);
        File.Exists("/tmp/sts-pwned").Should().BeFalse("command substitution must never run");
    }

    [Test]
    public async Task A_non_ascii_program_argument_round_trips_through_standard_input_and_output()
    {
        const string text = "soufflé; rm -rf / $(id) 🙂\n";
        var result = await new Command("cat").WithStandardInput(text).ExecuteAsync();

        result.StandardOutput.Should().Be(text);
        Encoding.UTF8.GetByteCount(result.StandardOutput).Should().Be(Encoding.UTF8.GetByteCount(text));
    }

    [Test]
    public void An_argument_with_a_NUL_byte_is_refused_before_anything_runs()
    {
        var act = () => new Command("echo").WithArguments("before\0after");

        act.Should().Throw<ArgumentException>().WithMessage("*NUL*");
    }

    [Test]
    public void The_display_form_quotes_what_a_shell_would_misread_and_leaves_plain_words_bare()
    {
        var command = new Command("dmsetup").WithArguments("create", "it's a name", "--table", "0 8 zero", "new\nline", "");

        command.ToString().Should().Be("dmsetup create 'it'\\''s a name' --table '0 8 zero' $'new\\nline' ''");
    }

    [Test]
    public async Task The_display_form_of_an_argument_is_read_back_by_a_real_shell_as_the_same_argument()
    {
        // The display form is for people who paste it into a terminal: bash must agree with it.
        foreach (var argument in HostileArguments)
        {
            var quoted = CommandLine.Quote(argument);
            var result = await new Command("bash").WithArguments("-c", $"printf '%s' {quoted}").ExecuteAsync();
            result.StandardOutput.Should().Be(argument, $"bash should read {quoted} back");
        }
    }

    [Test]
    public void Commands_are_immutable_values()
    {
        var original = new Command("losetup").WithArguments("--list");
        var changed = original.AddArguments("--json").WithTimeout(TimeSpan.FromSeconds(5)).WithEnvironment("LC_ALL", "C");

        original.Arguments.Should().Equal("--list");
        original.Timeout.Should().BeNull();
        original.Environment.Should().BeEmpty();
        changed.Arguments.Should().Equal("--list", "--json");
        changed.Timeout.Should().Be(TimeSpan.FromSeconds(5));
        changed.Environment.Should().ContainKey("LC_ALL").WhoseValue.Should().Be("C");
    }
}
