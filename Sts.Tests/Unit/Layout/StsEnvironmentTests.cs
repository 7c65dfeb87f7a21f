using FluentAssertions;
using NUnit.Framework;
using Sts.Core;

namespace Sts.Tests.Unit.Layout;

/// <summary>What <see cref="StsEnvironment"/> makes of the values a user may set: the default, the meaning, and a typed error for nonsense.</summary>
[NonParallelizable]
public sealed class StsEnvironmentTests
{
    [TestCase(null, ExpectedResult = false)]
    [TestCase("", ExpectedResult = false)]
    [TestCase("0", ExpectedResult = false)]
    [TestCase("1", ExpectedResult = true)]
    public bool A_flag_is_one_or_zero(string? value) =>
        With(StsEnvironment.Variables.RequireKernel, value, () => StsEnvironment.RequireKernel);

    [TestCase("yes")]
    [TestCase("true")]
    [TestCase(" 1")]
    public void A_flag_that_is_not_one_or_zero_is_refused_with_its_name_and_value(string value)
    {
        var refusal = FluentActions.Invoking(() => With(StsEnvironment.Variables.LabVm, value, () => StsEnvironment.IsLabVm))
            .Should().Throw<StsEnvironmentException>().Which;

        refusal.Variable.Should().Be("STS_LAB_VM");
        refusal.Value.Should().Be(value);
        refusal.Message.Should().Be($"STS_LAB_VM='{value}' is not valid: use '1' or '0' (or unset it for the default).");
    }

    [Test]
    public void The_backend_is_ioctl_unless_dmsetup_is_asked_for()
    {
        With(StsEnvironment.Variables.DmBackend, null, () => StsEnvironment.DmBackend).Should().Be("ioctl");
        With(StsEnvironment.Variables.DmBackend, "dmsetup", () => StsEnvironment.DmBackend).Should().Be("dmsetup");
        FluentActions.Invoking(() => With(StsEnvironment.Variables.DmBackend, "libdm", () => StsEnvironment.DmBackend))
            .Should().Throw<StsEnvironmentException>().WithMessage("STS_DM_BACKEND='libdm' is not valid: use 'ioctl' or 'dmsetup'*");
    }

    [TestCase("30", 30)]
    [TestCase("3600", 3600)]
    public void The_time_limit_is_whole_seconds(string value, int seconds) =>
        With(StsEnvironment.Variables.TestTimeLimit, value, () => StsEnvironment.TestTimeLimit).Should().Be(TimeSpan.FromSeconds(seconds));

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("1.5")]
    [TestCase("ten")]
    public void A_time_limit_that_is_not_a_positive_whole_number_is_refused(string value) =>
        FluentActions.Invoking(() => With(StsEnvironment.Variables.TestTimeLimit, value, () => StsEnvironment.TestTimeLimit))
            .Should().Throw<StsEnvironmentException>().WithMessage($"STS_TEST_TIME_LIMIT='{value}' is not valid: use a positive whole number*");

    [Test]
    public void Test_disks_are_separated_by_commas_or_whitespace() =>
        With(StsEnvironment.Variables.TestDisks, "/dev/vdb,/dev/vdc /dev/vdd\t/dev/vde,", () => StsEnvironment.TestDisks)
            .Should().Equal("/dev/vdb", "/dev/vdc", "/dev/vdd", "/dev/vde");

    [Test]
    public void An_empty_variable_counts_as_unset()
    {
        With(StsEnvironment.Variables.Artifacts, "", () => StsEnvironment.Artifacts).Should().BeNull();
        With(StsEnvironment.Variables.TestDisks, "", () => StsEnvironment.TestDisks).Should().BeEmpty();
    }

    [TestCase("off")]
    [TestCase("0")]
    [TestCase("none")]
    public void Allure_results_are_turned_off_by_any_of_its_off_words(string value) =>
        With(StsEnvironment.Variables.AllureResults, value, () => StsEnvironment.AllureResults).Should().Be(StsEnvironment.Off);

    [Test]
    public void A_scenario_url_needs_the_number_placeholder()
    {
        With(StsEnvironment.Variables.AllureScenarioUrl, "https://example.org/catalog#scenario-{0}", () => StsEnvironment.AllureScenarioUrl)
            .Should().Be("https://example.org/catalog#scenario-{0}");
        FluentActions.Invoking(() => With(StsEnvironment.Variables.AllureScenarioUrl, "https://example.org/catalog", () => StsEnvironment.AllureScenarioUrl))
            .Should().Throw<StsEnvironmentException>().WithMessage("*use a URL with {0} for the scenario number*");
        FluentActions.Invoking(() => With(StsEnvironment.Variables.AllureScenarioUrl, "https://example.org/{1}", () => StsEnvironment.AllureScenarioUrl))
            .Should().Throw<StsEnvironmentException>();
    }

    [TestCase("2.5", 2500)]
    [TestCase("90", 90000)]
    public void The_fuzz_time_may_have_a_fraction(string value, int milliseconds) =>
        With(StsEnvironment.Variables.FuzzSeconds, value, () => StsEnvironment.FuzzDuration).Should().Be(TimeSpan.FromMilliseconds(milliseconds));

    [Test]
    public void A_fuzz_seed_that_is_not_a_number_is_refused() =>
        FluentActions.Invoking(() => With(StsEnvironment.Variables.FuzzSeed, "0x10", () => StsEnvironment.FuzzSeed))
            .Should().Throw<StsEnvironmentException>().WithMessage("STS_FUZZ_SEED='0x10' is not valid: use a whole number*");

    private static T With<T>(string variable, string? value, Func<T> read)
    {
        var before = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            return read();
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
        }
    }
}
