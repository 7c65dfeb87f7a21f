using System.Reflection;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Safety;

namespace Sts.Tests.Unit.Fixtures;

/// <summary>
/// The fixtures' one door for devices from outside: no public member of Sts.Fixtures takes a
/// device that skipped <see cref="DeviceGuard"/>, and <see cref="GuardedDevice"/> cannot be made
/// any other way. Reflection finds the members, so a method added later is checked too.
/// </summary>
public sealed class GuardedDoorTests
{
    [Test]
    public void No_public_fixture_member_accepts_a_device_that_skipped_the_guard()
    {
        // The door itself (DeviceStack.Admit) takes a raw device and returns it guarded.
        var unguarded = FixtureDeviceMembers.Taking(FixtureDeviceMembers.IsUnguarded)
            .Where(m => m.Member is not MethodInfo { ReturnType: var returned } || returned != typeof(GuardedDevice))
            .Select(m => m.Description).ToList();

        unguarded.Should().BeEmpty(
            "every fixture member that maps, formats or writes a device given to it must take a GuardedDevice (DeviceStack.Admit is the door); these take a raw device: {0}",
            string.Join(", ", unguarded));
    }

    [Test]
    public void The_members_that_take_a_device_take_guarded_devices()
    {
        var guarded = FixtureDeviceMembers.Taking(FixtureDeviceMembers.IsGuarded).Select(m => m.Description).ToList();

        guarded.Should().Contain(["DeviceStack.LinearAsync(under)", "DeviceStack.StripedAsync(legs)", "DeviceStack.DelayAsync(under)",
            "DeviceStack.FlakeyAsync(under)", "DeviceStack.DustAsync(under)", "ThinPoolOptions.DataDevice", "ThinPoolOptions.MetadataDevice",
            "CacheOptions.OriginDevice", "CacheOptions.FastDevice", "CacheOptions.MetadataDevice", "EraOptions.OriginDevice",
            "EraOptions.MetadataDevice", "ThinPool.ActivateAsync(externalOrigin)", "ThinPool.CreateExternalSnapshotAsync(externalOrigin)"]);
    }

    [Test]
    public void Only_the_guard_can_make_a_guarded_device()
    {
        typeof(GuardedDevice).GetConstructors(BindingFlags.Public | BindingFlags.Instance).Should().BeEmpty("only DeviceGuard.Admit makes one");
        typeof(GuardedDevice).IsSealed.Should().BeTrue("a subclass could make one without the guard");
        var factories = typeof(GuardedDevice).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.ReturnType == typeof(GuardedDevice))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");
        factories.Should().BeEquivalentTo(["DeviceGuard.Admit"]);
    }
}
