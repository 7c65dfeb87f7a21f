using System.Diagnostics;
using System.Globalization;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>
/// The hostile-input corpus (<see cref="HostileCorpus"/>) against the real kernel through both
/// backends (issue 13, item 3). Every case runs through the ioctl backend, then through dmsetup,
/// and must: end as its expected outcome (a typed error of the StsException family, or a correct
/// device that lists back with the same name, uuid and table and is then removed); end alike on
/// both backends; leave none of the run's dm or loop devices behind beyond the bench's (checked in
/// the kernel's list and in /sys after each backend); and never run a shell (the marker file a
/// hidden "touch" would create never appears). Each category prints its count table.
/// </summary>
[TestFixture]
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
[RequiresTool("dmsetup")]
[RequiresTool("thin_check")]
[TimeLimit(600)]
public sealed class HostileInputTests
{
    private static readonly Dictionary<HostileCategory, HostileTally> Tallies = [];

    /// <summary>The categories, one test each.</summary>
    public static IEnumerable<string> Categories => Enum.GetNames<HostileCategory>();

    // Made by the first test, after the requirement attributes have checked this machine (NUnit
    // runs a OneTimeSetUp even when they skip the fixture's tests).
    private HostileBench? _bench;

    [OneTimeTearDown]
    public async Task RemoveTheBench()
    {
        if (_bench is not null)
        {
            TestContext.Out.WriteLine(HostileTally.Table(Tallies.Values));
            await _bench.DisposeAsync();
        }
    }

    [TestCaseSource(nameof(Categories))]
    public async Task Every_case_ends_as_a_typed_error_or_a_correct_device_alike_on_both_backends_leaving_nothing(string categoryName)
    {
        var category = Enum.Parse<HostileCategory>(categoryName);
        var bench = _bench ??= await HostileBench.CreateAsync();
        var tally = new HostileTally(category);
        var findings = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var hostileCase in HostileCorpus.All.Where(c => c.Category == category))
        {
            var ioctl = await RunAsync(bench, hostileCase, bench.Ioctl, findings);
            var dmsetup = await RunAsync(bench, hostileCase, bench.Dmsetup, findings);
            var agree = ioctl.Class == dmsetup.Class && (!ioctl.Succeeded || ioctl.Detail == dmsetup.Detail);
            tally.Add(ioctl, dmsetup, agree);
            if (!agree)
            {
                findings.Add($"{Printable(hostileCase.ToString())}: the backends disagree: ioctl {Describe(ioctl)}; dmsetup {Describe(dmsetup)}");
            }
        }

        clock.Stop();
        tally.Elapsed = clock.Elapsed;
        Tallies[category] = tally;
        TestContext.Out.WriteLine(HostileTally.Table([tally]));
        foreach (var finding in findings)
        {
            TestContext.Out.WriteLine(finding);
        }

        findings.Should().BeEmpty();
        tally.Disagreements.Should().Be(0);
    }

    /// <summary>Runs one case on one backend, then checks what it must leave: nothing, and no shell's trace.</summary>
    private static async Task<HostileOutcome> RunAsync(HostileBench bench, HostileCase hostileCase, Sts.Dm.Backends.IDmBackend backend, List<string> findings)
    {
        var outcome = await HostileOutcome.OfAsync(hostileCase, bench, backend);
        var where = $"{Printable(hostileCase.ToString())} on {backend.Name}";
        if (outcome.Class != hostileCase.ExpectedClass)
        {
            findings.Add($"{where}: expected {hostileCase.ExpectedClass}, got {Describe(outcome)}");
        }

        if (!outcome.Typed)
        {
            findings.Add($"{where}: an undocumented exception escaped: {Describe(outcome)}");
        }

        foreach (var leftover in await bench.LeftoverDevicesAsync())
        {
            findings.Add($"{where}: left the dm device \"{Printable(leftover)}\" behind");
            if (!leftover.EndsWith(" (sysfs)", StringComparison.Ordinal))
            {
                await bench.RemoveLeftoverAsync(leftover);
            }
        }

        foreach (var loop in bench.LeftoverLoops())
        {
            findings.Add($"{where}: left a loop device over {loop} behind");
        }

        if (bench.ShellRan())
        {
            findings.Add($"{where}: a shell ran: the marker file {bench.Marker} exists");
        }

        return outcome;
    }

    private static string Describe(HostileOutcome outcome) => $"{outcome.Class} ({Printable(outcome.Detail)})";

    /// <summary>Control characters and lone surrogates as escapes, and long texts cut, so a report line stays one readable line.</summary>
    private static string Printable(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > 300 ? text[..300] + "…" : text)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString());
        }

        return builder.ToString();
    }
}
