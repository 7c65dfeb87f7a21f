using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Commands;
using Sts.Core.Devices;
using Sts.Core.Runs;
using Sts.Core.Units;
using Sts.Fixtures;
using Sts.Fixtures.Requirements;

namespace Sts.Tests.Kernel;

/// <summary>Loop devices on the running kernel; each check is made with an independent tool (blockdev, losetup, stat).</summary>
[Destructive]
[RequiresRoot]
[RequiresLoopDevices]
[RequiresTool("losetup")]
[RequiresTool("blockdev")]
public sealed class LoopDeviceTests
{
    [Test]
    public async Task A_new_loop_device_has_the_requested_size_over_a_sparse_file_in_the_runs_directory()
    {
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(64));

        (await Blockdev("--getsize64", loop.Path)).Should().Be("67108864");
        loop.Size.Should().Be(Size.FromMiB(64));
        loop.BackingFile.Should().StartWith(RunContext.Current.WorkDirectory + "/");
        var allocated = await new Command("stat").WithArguments("--format=%b", loop.BackingFile).ExecuteAsync();
        long.Parse(allocated.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeLessThan(2048, "a new backing file is sparse (fewer than 2048 allocated 512-byte blocks)");
        loop.DeviceNumber.Major.Should().Be(7, "loop devices have major number 7");
    }

    [Test]
    public async Task Data_written_to_the_device_lands_in_the_backing_file_at_the_same_offset()
    {
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(16));
        var pattern = Pattern(8192, seed: 17);

        await loop.WriteAsync(Size.FromMiB(5), pattern);

        var inFile = new byte[pattern.Length];
        await using (var file = File.OpenRead(loop.BackingFile))
        {
            file.Position = Size.FromMiB(5).Bytes;
            await file.ReadExactlyAsync(inFile);
        }

        inFile.Should().Equal(pattern);
    }

    [Test]
    public async Task A_read_only_device_refuses_writes()
    {
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(8), new LoopDeviceOptions { ReadOnly = true });

        (await Blockdev("--getro", loop.Path)).Should().Be("1");
        loop.IsReadOnly.Should().BeTrue();
        await FluentActions.Awaiting(() => loop.WriteAsync(Size.Zero, new byte[4096])).Should().ThrowAsync<DeviceException>()
            .WithMessage($"*{loop.Path}*");
    }

    [Test]
    public async Task Sector_size_and_direct_io_are_applied()
    {
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(8),
            new LoopDeviceOptions { SectorSize = 4096, DirectIo = true });

        (await Blockdev("--getss", loop.Path)).Should().Be("4096");
        loop.LogicalBlockSize.Should().Be(4096);
        loop.PhysicalBlockSize.Should().Be(int.Parse(await Blockdev("--getpbsz", loop.Path), System.Globalization.CultureInfo.InvariantCulture));
        var listed = (await LoopDevice.ListAsync()).Should().ContainSingle(d => d.Path == loop.Path).Subject;
        listed.LogicalSectorSize.Should().Be(4096);
        listed.BackingFile.Should().Be(loop.BackingFile);
        listed.DirectIo.Should().BeTrue();
    }

    [Test]
    public async Task Bad_geometry_is_refused_before_anything_is_created()
    {
        var loopDirectory = Path.Combine(RunContext.Current.WorkDirectory, "loop");
        var before = Directory.Exists(loopDirectory) ? Directory.GetFiles(loopDirectory).Length : 0;

        await FluentActions.Awaiting(() => LoopDevice.CreateAsync(Size.FromKiB(6), new LoopDeviceOptions { SectorSize = 4096 }))
            .Should().ThrowAsync<InvalidSizeException>().WithMessage("*6KiB is not a multiple of 4KiB*");
        await FluentActions.Awaiting(() => LoopDevice.CreateAsync(Size.FromMiB(1), new LoopDeviceOptions { SectorSize = 3000 }))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => LoopDevice.CreateAsync(Size.Zero)).Should().ThrowAsync<InvalidSizeException>();

        (Directory.Exists(loopDirectory) ? Directory.GetFiles(loopDirectory).Length : 0).Should().Be(before);
    }

    [Test]
    public async Task Resizing_grows_the_device_the_kernel_sees()
    {
        await using var loop = await LoopDevice.CreateAsync(Size.FromMiB(8));

        await loop.ResizeAsync(Size.FromMiB(24));

        (await Blockdev("--getsize64", loop.Path)).Should().Be("25165824");
        loop.Size.Should().Be(Size.FromMiB(24));
    }

    [Test]
    public async Task Detaching_removes_the_device_and_its_backing_file_and_a_second_detach_does_nothing()
    {
        var loop = await LoopDevice.CreateAsync(Size.FromMiB(8));

        await loop.DetachAsync();
        await loop.DetachAsync();

        (await LoopDevice.ListAsync()).Should().NotContain(d => d.BackingFile.StartsWith(loop.BackingFile, StringComparison.Ordinal));
        File.Exists(loop.BackingFile).Should().BeFalse();
        loop.IsAttached.Should().BeFalse();
    }

    [Test]
    public async Task A_users_file_with_shell_metacharacters_in_its_path_is_attached_verbatim_and_never_deleted()
    {
        var directory = Path.Combine(RunContext.Current.WorkDirectory, "user files; $(id)");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "it's a \"disk\" – soufflé.img");
        await File.WriteAllBytesAsync(file, new byte[Size.FromMiB(4).Bytes]);

        var loop = await LoopDevice.AttachAsync(file);
        (await LoopDevice.ListAsync()).Should().Contain(d => d.Path == loop.Path && d.BackingFile == file);
        await FluentActions.Awaiting(() => loop.ResizeAsync(Size.FromMiB(8))).Should().ThrowAsync<UnsafeOperationException>();
        await loop.DisposeAsync();

        File.Exists(file).Should().BeTrue("the framework did not create it, so it must not delete it");
        new FileInfo(file).Length.Should().Be(Size.FromMiB(4).Bytes);
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task A_loop_device_reused_by_someone_else_after_being_detached_behind_our_back_is_not_detached()
    {
        var ours = await LoopDevice.CreateAsync(Size.FromMiB(4));
        var theirs = Path.Combine(RunContext.Current.WorkDirectory, "someone-elses.img");
        await File.WriteAllBytesAsync(theirs, new byte[Size.FromMiB(4).Bytes]);
        // Someone detaches our device and attaches their own file to the same node.
        await new Command("losetup").WithArguments("--detach", ours.Path).ExecuteAsync();
        await new Command("losetup").WithArguments(ours.Path, theirs).ExecuteAsync();
        try
        {
            await FluentActions.Awaiting(() => ours.DetachAsync()).Should().ThrowAsync<UnsafeOperationException>()
                .WithMessage($"*{ours.Path}*someone-elses.img*");

            (await LoopDevice.ListAsync()).Should().Contain(d => d.Path == ours.Path && d.BackingFile == theirs);
            File.Exists(ours.BackingFile).Should().BeFalse("our own backing file is still ours to delete");
        }
        finally
        {
            await new Command("losetup").WithArguments("--detach", ours.Path).ExecuteAsync();
            File.Delete(theirs);
        }
    }

    private static async Task<string> Blockdev(string query, string device) =>
        (await new Command("blockdev").WithArguments(query, device).ExecuteAsync()).StandardOutput.Trim();

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
