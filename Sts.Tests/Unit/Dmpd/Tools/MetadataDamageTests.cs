using FluentAssertions;
using NUnit.Framework;
using Sts.Core;
using Sts.Core.Runs;
using Sts.Dmpd.Damage;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>
/// The damage helpers change exactly the bytes asked for, and only in files of the run: a path
/// outside the work directory, a symlink or ".." leading out of it, a directory or a character
/// device are refused before anything is written.
/// </summary>
public sealed class MetadataDamageTests
{
    private const int FileBytes = 64 * 1024;
    private MetadataScratch _scratch = null!;
    private string _outside = null!;
    private byte[] _original = null!;

    [SetUp]
    public void CreateFiles()
    {
        _scratch = new MetadataScratch();
        _outside = Directory.CreateTempSubdirectory("sts-damage-outside-").FullName;
        _original = new byte[FileBytes];
        new Random(3).NextBytes(_original);
    }

    [TearDown]
    public void RemoveFiles()
    {
        _scratch.Dispose();
        Directory.Delete(_outside, recursive: true);
    }

    [Test]
    public async Task Zeroing_the_superblock_zeroes_the_first_4_KiB_and_nothing_else()
    {
        var file = Write(_scratch.PathOf("meta.bin"));

        var record = await new MetadataDamage().ZeroSuperblockAsync(file);

        var now = File.ReadAllBytes(file);
        now.AsSpan(0, 4096).ToArray().Should().OnlyContain(b => b == 0);
        now.AsSpan(4096).ToArray().Should().Equal(_original.AsSpan(4096).ToArray());
        record.Offset.Should().Be(0);
        record.Before.Should().Equal(_original.AsSpan(0, 4096).ToArray());
        record.Target.Should().Be(file);
    }

    [Test]
    public async Task Scrambling_a_block_changes_that_block_only()
    {
        var file = Write(_scratch.PathOf("meta.bin"));

        await new MetadataDamage().CorruptBlockAsync(file, 3, seed: 9);

        var now = File.ReadAllBytes(file);
        now.AsSpan(0, 3 * 4096).ToArray().Should().Equal(_original.AsSpan(0, 3 * 4096).ToArray());
        now.AsSpan(3 * 4096, 4096).ToArray().Should().NotEqual(_original.AsSpan(3 * 4096, 4096).ToArray());
        now.AsSpan(4 * 4096).ToArray().Should().Equal(_original.AsSpan(4 * 4096).ToArray());
    }

    [Test]
    public async Task Bytes_and_bits_are_changed_at_the_exact_offset()
    {
        var file = Write(_scratch.PathOf("meta.bin"));
        var damage = new MetadataDamage();

        await damage.CorruptBytesAsync(file, 5000, new byte[] { 0xde, 0xad });
        await damage.ZeroBlockAsync(file, 15);
        await damage.FlipBitsAsync(file, 100, 0x81);

        var expected = (byte[])_original.Clone();
        expected[5000] = 0xde;
        expected[5001] = 0xad;
        Array.Clear(expected, 15 * 4096, 4096);
        expected[100] ^= 0x81;
        File.ReadAllBytes(file).Should().Equal(expected);
    }

    [Test]
    public async Task Damage_beyond_the_end_of_the_file_is_refused_and_writes_nothing()
    {
        var file = Write(_scratch.PathOf("meta.bin"));
        var damage = new MetadataDamage();

        await FluentActions.Awaiting(() => damage.ZeroBlockAsync(file, FileBytes / 4096)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => damage.CorruptBytesAsync(file, FileBytes - 1, new byte[] { 1, 2 })).Should().ThrowAsync<ArgumentOutOfRangeException>();

        File.ReadAllBytes(file).Should().Equal(_original);
    }

    [Test]
    public async Task A_file_outside_the_runs_directory_is_refused_and_left_unchanged()
    {
        var file = Write(Path.Combine(_outside, "meta.bin"));

        var refused = await FluentActions.Awaiting(() => new MetadataDamage().ZeroSuperblockAsync(file))
            .Should().ThrowAsync<UnsafeOperationException>();

        refused.Which.Target.Should().Be(file);
        refused.Which.Message.Should().Contain(RunContext.Current.WorkDirectory);
        File.ReadAllBytes(file).Should().Equal(_original);
    }

    [Test]
    public async Task Symlinks_and_dot_dot_that_lead_out_of_the_runs_directory_are_refused()
    {
        var victim = Write(Path.Combine(_outside, "meta.bin"));
        var fileLink = _scratch.PathOf("file-link.bin");
        File.CreateSymbolicLink(fileLink, victim);
        var directoryLink = _scratch.PathOf("dir-link");
        Directory.CreateSymbolicLink(directoryLink, _outside);
        var dotDot = Path.Combine(_scratch.Root, "..", "..", "..", Path.GetRelativePath("/", victim));
        var damage = new MetadataDamage();

        foreach (var path in new[] { fileLink, Path.Combine(directoryLink, "meta.bin"), dotDot })
        {
            await FluentActions.Awaiting(() => damage.CorruptBlockAsync(path, 0)).Should().ThrowAsync<UnsafeOperationException>(path);
        }

        File.ReadAllBytes(victim).Should().Equal(_original);
    }

    [Test]
    public async Task A_symlink_inside_the_runs_directory_to_a_file_of_the_run_is_followed()
    {
        var file = Write(_scratch.PathOf("meta.bin"));
        var link = _scratch.PathOf("link.bin");
        File.CreateSymbolicLink(link, file);

        var record = await new MetadataDamage().ZeroSuperblockAsync(link);

        record.Target.Should().Be(file);
        File.ReadAllBytes(file).AsSpan(0, 4096).ToArray().Should().OnlyContain(b => b == 0);
    }

    [TestCase("/dev/null")]
    [TestCase("/dev/zero")]
    [TestCase("directory")]
    [TestCase("missing")]
    public async Task Devices_that_are_not_block_devices_directories_and_missing_paths_are_refused(string target)
    {
        var path = target switch
        {
            "directory" => _scratch.Root,
            "missing" => _scratch.PathOf("missing.bin"),
            _ => target,
        };

        await FluentActions.Awaiting(() => new MetadataDamage().ZeroSuperblockAsync(path)).Should().ThrowAsync<UnsafeOperationException>();
    }

    [Test]
    public void A_block_device_the_framework_did_not_create_is_refused()
    {
        var disk = Directory.EnumerateDirectories("/sys/class/block").Select(Path.GetFileName)
            .FirstOrDefault(name => name is not null && !name.StartsWith("loop", StringComparison.Ordinal) && !name.StartsWith("dm-", StringComparison.Ordinal)
                && File.Exists($"/dev/{name}"));
        if (disk is null)
        {
            Assert.Ignore("no block device node besides loop and dm devices on this host");
        }

        // Only the check runs: it throws before opening the device.
        FluentActions.Invoking(() => new MetadataDamage().EnsureAllowed($"/dev/{disk}")).Should().Throw<UnsafeOperationException>()
            .Which.Message.Should().Contain("STS_TEST_DISKS");
    }

    private byte[] WriteOriginal(string path)
    {
        File.WriteAllBytes(path, _original);
        return _original;
    }

    private string Write(string path)
    {
        WriteOriginal(path);
        return path;
    }
}
