using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Dm.Devices;
using Sts.Dm.Tables;
using Sts.Dm.Targets;

namespace Sts.Tests.Unit.Safety;

/// <summary>
/// <see cref="DmDevice.CreateAsync"/> refuses a name outside the run's prefix before any backend
/// is opened: on a host without device-mapper, a call that got past the guard would fail opening
/// /dev/mapper/control instead, so the exception type shows where the call stopped.
/// </summary>
[NonParallelizable]
public sealed class DmDeviceCreateGuardTests
{
    private string _base = null!;
    private RunContext _run = null!;

    [SetUp]
    public void CreateRun()
    {
        _base = Path.Combine(Path.GetTempPath(), $"sts-dmdevice-test-{Guid.NewGuid():N}");
        _run = RunContext.Create(_base);
    }

    [TearDown]
    public void RemoveRun() => Directory.Delete(_base, recursive: true);

    [Test]
    public async Task A_name_without_the_runs_prefix_is_refused_naming_the_prefix()
    {
        var refusal = await FluentActions.Awaiting(() => DmDevice.CreateAsync("vg-lv", DmTable.OneLine(Sectors.FromCount(8), new ZeroTarget()), run: _run))
            .Should().ThrowAsync<UnsafeOperationException>();
        refusal.Which.Message.Should().Contain("vg-lv").And.Contain(_run.Prefix);
    }
}
