using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Runs;

namespace Sts.Tests.Unit.Safety;

/// <summary>The run prefix has one owner, RunContext: a run's own names and another run's leftovers are found by the same spelling.</summary>
public sealed class RunPrefixTests
{
    [Test]
    public void A_run_names_its_devices_with_the_prefix_another_process_derives_from_its_id_alone()
    {
        var run = RunContext.Current;

        var name = run.NewName("linear");

        name.Should().StartWith("sts-" + run.Id + "-");
        RunContext.PrefixOf(run.Id).Should().Be(run.Prefix);
        name.Should().StartWith(RunContext.PrefixOf(run.Id), "the janitor finds a dead run's devices by its id");
        run.Owns(name).Should().BeTrue();
    }

    [TestCase("1a2b3c4d", ExpectedResult = true)]
    [TestCase("00000000", ExpectedResult = true)]
    [TestCase("1A2B3C4D", ExpectedResult = false)]
    [TestCase("1a2b3c4", ExpectedResult = false)]
    [TestCase("1a2b3c4d5", ExpectedResult = false)]
    [TestCase("1a2b3c4g", ExpectedResult = false)]
    [TestCase("", ExpectedResult = false)]
    [TestCase(null, ExpectedResult = false)]
    public bool A_run_id_is_eight_lowercase_hex_digits(string? text) => RunContext.IsRunId(text);

    [TestCase("")]
    [TestCase("1a2b")]
    [TestCase("1a2b3c4d-")]
    [TestCase("*")]
    public void A_prefix_of_something_that_is_not_a_run_id_is_refused(string runId) =>
        FluentActions.Invoking(() => RunContext.PrefixOf(runId)).Should().Throw<ArgumentException>()
            .WithMessage($"*'{runId}' is not a run id*");

    [Test]
    public void A_new_run_has_a_valid_id()
    {
        var @base = Directory.CreateTempSubdirectory("sts-prefix-test-").FullName;
        try
        {
            var run = RunContext.Create(@base);
            RunContext.IsRunId(run.Id).Should().BeTrue(run.Id);
            Path.GetFileName(run.WorkDirectory).Should().Be(run.Id);
        }
        finally
        {
            Directory.Delete(@base, recursive: true);
        }
    }
}
