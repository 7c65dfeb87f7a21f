using System.Reflection;
using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Safety;
using Sts.Core.Units;
using Sts.Dm;
using Sts.Dm.Messages;
using Sts.Dm.Tables;
using Sts.Dm.Targets;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;
using Sts.Fixtures.Stacks;
using Sts.Tests.Unit.Fixtures;

namespace Sts.Tests.Kernel.Fixtures;

/// <summary>
/// Every device handed to a fixture passes the guard (issue: a hand-made loop device or a foreign
/// device-mapper device became the target of a new linear device and was zeroed through it).
/// Each public fixture member that takes a device, found by reflection, is driven on the kernel:
/// a device of another run is refused with <see cref="UnsafeOperationException"/> and nothing
/// is created; a listed test disk is accepted. Foreign devices cannot even become a
/// <see cref="GuardedDevice"/>, and a raw table naming them is refused too; their bytes never change.
/// </summary>
[Destructive]
[RequiresRoot]
[RequiresDeviceMapper]
[RequiresLoopDevices]
public sealed class GuardedDeviceTests
{
    private static readonly Size DiskSize = Size.FromMiB(64);

    private readonly List<Func<Task>> _cleanup = [];
    private string? _testDisksBefore;

    [SetUp]
    public void RememberTestDisks() => _testDisksBefore = Environment.GetEnvironmentVariable(TestDisks.Variable);

    [TearDown]
    public async Task CleanUp()
    {
        Environment.SetEnvironmentVariable(TestDisks.Variable, _testDisksBefore);
        var steps = _cleanup.ToList();
        _cleanup.Clear(); // NUnit reuses the fixture instance: each test cleans up only what it made
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            await steps[i]();
        }
    }

    [Test]
    public async Task Foreign_loop_and_dm_devices_cannot_enter_the_fixtures_by_any_door_and_keep_their_bytes()
    {
        var foreignLoop = await ForeignLoopAsync();
        var foreignDm = await ForeignDmAsync();
        var before = new[] { await HashAsync(foreignLoop.Path), await HashAsync(foreignDm.Path) };
        await using var stack = new DeviceStack();
        var own = await stack.LoopAsync(Size.FromMiB(8));

        foreach (var foreign in new[] { foreignLoop, foreignDm })
        {
            var admit = () => stack.Admit(foreign);
            admit.Should().Throw<UnsafeOperationException>().Which.Target.Should().Be(foreign.Path);
            var byNumber = () => stack.CreateAsync("raw", DmTable.OneLine(Sectors.FromCount(2048), new LinearTarget(foreign.DeviceNumber, Sectors.Zero)));
            await byNumber.Should().ThrowAsync<UnsafeOperationException>("a hand-written table naming the device by major:minor is checked too");
            var byPath = () => stack.CreateAsync("raw", DmTable.Parse($"0 2048 linear {foreign.Path} 0"));
            await byPath.Should().ThrowAsync<UnsafeOperationException>("a hand-written table naming the device by path is checked too");
        }

        var linear = await stack.LinearAsync(stack.Admit(own));
        var reload = () => linear.LoadAsync(DmTable.OneLine(linear.Length, new LinearTarget(foreignDm.DeviceNumber, Sectors.Zero)));
        await reload.Should().ThrowAsync<UnsafeOperationException>("a reload of a stack device is checked like a create");
        (await linear.TableAsync(inactive: true)).Should().BeNull("the refused table was never loaded");
        stack.Devices.Should().ContainSingle("nothing was created for the refused tables");

        (await HashAsync(foreignLoop.Path)).Should().Equal(before[0], "the foreign loop device was not written");
        (await HashAsync(foreignDm.Path)).Should().Equal(before[1], "the foreign dm device was not written");
    }

    [Test]
    public async Task Every_fixture_member_that_takes_a_device_refuses_another_runs_device_and_accepts_a_listed_test_disk()
    {
        var members = FixtureDeviceMembers.Taking(FixtureDeviceMembers.IsGuarded);
        members.Should().NotBeEmpty();
        var foreignDm = await ForeignDmAsync();
        var foreignHash = await HashAsync(foreignDm.Path);
        var testDisk = await ForeignLoopAsync();
        Environment.SetEnvironmentVariable(TestDisks.Variable, testDisk.Path);
        var otherRun = RunContext.Create();
        var otherLoop = await LoopDevice.CreateAsync(DiskSize, run: otherRun);
        _cleanup.Add(async () =>
        {
            await otherLoop.DisposeAsync();
            otherRun.Complete();
        });
        var otherRunsDevice = DeviceGuard.Admit(otherLoop, otherRun); // a proof issued to another run

        var accepted = new List<string>();
        var skipped = new List<string>();
        foreach (var (description, member) in members)
        {
            await using (var stack = new DeviceStack())
            {
                var refuse = await PrepareAsync(stack, member, otherRunsDevice);
                var (devices, loops) = (stack.Devices.Count, stack.LoopDevices.Count);
                (await refuse.Should().ThrowAsync<UnsafeOperationException>($"{description} must not use a device of another run"))
                    .Which.Target.Should().Be(otherLoop.Path);
                stack.Devices.Should().HaveCount(devices, $"{description} created nothing before refusing");
                stack.LoopDevices.Should().HaveCount(loops, $"{description} attached nothing before refusing");
            }

            await using (var stack = new DeviceStack())
            {
                var disk = stack.UseTestDisk(testDisk.Path);
                disk.Basis.Should().Be(GuardBasis.ListedTestDisk);
                if (await MissingTargetAsync(member) is { } missing)
                {
                    skipped.Add($"{description}: {missing}");
                    continue;
                }

                var use = await PrepareAsync(stack, member, disk);
                var devices = stack.Devices.Count;
                await use();
                stack.Devices.Should().HaveCountGreaterThan(devices, $"{description} built its device on the listed test disk");
                accepted.Add(description);
            }
        }

        TestContext.Out.WriteLine($"Accepted a listed test disk: {string.Join(", ", accepted)}");
        TestContext.Out.WriteLine($"Not checked for acceptance (target absent): {string.Join(", ", skipped)}");
        accepted.Should().HaveCountGreaterThanOrEqualTo(members.Count - 1, "only a target this kernel lacks may leave a member unchecked");
        (await HashAsync(foreignDm.Path)).Should().Equal(foreignHash);
    }

    /// <summary>
    /// Prepares a call of a fixture member with <paramref name="device"/> wherever it takes one and
    /// plain values elsewhere (building what the call needs first: a pool for a pool's method, a
    /// second leg), and returns the call itself.
    /// </summary>
    private static async Task<Func<Task>> PrepareAsync(DeviceStack stack, MemberInfo member, GuardedDevice device)
    {
        var token = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;
        switch (member)
        {
            case PropertyInfo property:
                // An option record's device: build the fixture with that option set.
                var options = Activator.CreateInstance(property.DeclaringType!)!;
                property.SetValue(options, device);
                var factory = typeof(DeviceStack).GetMethods().Single(m => m.GetParameters().FirstOrDefault()?.ParameterType == property.DeclaringType);
                return () => AwaitAsync(() => factory.Invoke(stack, [options, token]));
            case MethodInfo method:
                var target = method.DeclaringType == typeof(DeviceStack) ? stack : await InstanceAsync(stack, method.DeclaringType!);
                var arguments = new List<object?>();
                foreach (var parameter in method.GetParameters())
                {
                    arguments.Add(await ArgumentAsync(target, parameter, device, stack, token));
                }

                return () => AwaitAsync(() => method.Invoke(target, [.. arguments]));
            default:
                throw new NotSupportedException($"No way to drive {member.DeclaringType?.Name}.{member.Name}: teach this test.");
        }
    }

    private static async Task<object> InstanceAsync(DeviceStack stack, Type type) =>
        type == typeof(ThinPool) ? await stack.ThinPoolAsync()
        : throw new NotSupportedException($"No instance of {type.Name} to call: teach this test how to build one.");

    private static async Task<object?> ArgumentAsync(object target, ParameterInfo parameter, GuardedDevice device, DeviceStack stack, CancellationToken token)
    {
        var type = parameter.ParameterType;
        if (type == typeof(GuardedDevice))
        {
            return device;
        }

        if (type == typeof(IReadOnlyList<GuardedDevice>))
        {
            return new List<GuardedDevice> { stack.Admit(await stack.LoopAsync(DiskSize, cancellationToken: token)), device };
        }

        if (type == typeof(CancellationToken))
        {
            return token;
        }

        if (type == typeof(ThinDeviceId) && target is ThinPool pool)
        {
            var id = new ThinDeviceId(4242);
            await pool.Device.MessageAsync(ThinPoolMessages.CreateThin(id), cancellationToken: token);
            return id;
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        return type == typeof(TimeSpan) ? TimeSpan.FromSeconds(1)
            : type == typeof(Sectors) ? Sectors.FromCount(128)
            : type == typeof(Size) ? Size.FromMiB(4)
            : throw new NotSupportedException($"No value for {parameter.Member.Name}({type.Name} {parameter.Name}): teach this test.");
    }

    /// <summary>The target a member needs that this kernel lacks (dm-dust is not built in Debian's kernels), or null.</summary>
    private static async Task<string?> MissingTargetAsync(MemberInfo member)
    {
        var target = member.Name switch
        {
            nameof(DeviceStack.DustAsync) => "dust",
            nameof(DeviceStack.FlakeyAsync) => "flakey",
            nameof(DeviceStack.DelayAsync) => "delay",
            _ => null,
        };
        return target is not null && await StackBackend.Shared.GetTargetVersionAsync(target) is null ? $"no dm-{target} in this kernel" : null;
    }

    private static async Task AwaitAsync(Func<object?> call)
    {
        object? result;
        try
        {
            result = call();
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }

        if (result is Task task)
        {
            await task;
        }
    }

    /// <summary>A loop device over a file outside the run's directory, with a pattern written.</summary>
    private async Task<LoopDevice> ForeignLoopAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sts-foreign-{Guid.NewGuid():N}.img");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(DiskSize.Bytes);
            await stream.WriteAsync(RandomNumberGenerator.GetBytes(64 * 1024));
        }

        var loop = await LoopDevice.AttachAsync(file);
        _cleanup.Add(async () =>
        {
            await loop.DetachAsync();
            File.Delete(file);
        });
        return loop;
    }

    /// <summary>A device-mapper device not named with the run's prefix, linear over a foreign loop device.</summary>
    private async Task<BlockDevice> ForeignDmAsync()
    {
        var under = await ForeignLoopAsync();
        var name = $"stsforeign-{Guid.NewGuid():N}"[..24];
        var info = await StackBackend.Shared.CreateAsync(name, DmTable.OneLine(under.SizeInSectors, new LinearTarget(under.DeviceNumber, Sectors.Zero)));
        _cleanup.Insert(_cleanup.Count, () => StackBackend.Shared.RemoveAsync(name, attempts: 5));
        return BlockDevice.FromKernelName(info.KernelName);
    }

    private static async Task<byte[]> HashAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return await SHA256.HashDataAsync(stream);
    }
}
