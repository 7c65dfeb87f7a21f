using FluentAssertions;
using NUnit.Framework;
using Sts.Core.Commands;
using Sts.Core.Units;
using Sts.Dmpd;
using Sts.Dmpd.Tools;

using Sts.Dmpd.Formats.Reports;

namespace Sts.Tests.Unit.Dmpd.Tools;

/// <summary>
/// argv built from typed options, per tools generation, without running anything: the flags
/// are the ones 0.9.0's --help lists and 1.x's clap definitions declare (src/commands/*.rs).
/// </summary>
public sealed class DmpdArgvTests
{
    private static readonly Version Cpp = new(0, 9, 0);
    private static readonly Version Rust = new(1, 0, 4);
    private const string Meta = "/var/tmp/sts/x/meta.bin";

    [Test]
    public void Thin_check_flags_are_written_in_order_with_the_input_last()
    {
        var argv = new ThinCheckOptions(Meta)
        {
            Quiet = true,
            SuperBlockOnly = true,
            SkipMappings = true,
            IgnoreNonFatalErrors = true,
            ClearNeedsCheckFlag = true,
            MetadataSnapshot = true,
            OverrideMappingRoot = 7,
        }.BuildArguments(Cpp);

        argv.Should().Equal("-q", "--super-block-only", "--skip-mappings", "--ignore-non-fatal-errors",
            "--clear-needs-check-flag", "-m", "--override-mapping-root", "7", Meta);
    }

    [Test]
    public void An_option_only_the_rust_tools_have_is_refused_for_0_9_naming_tool_option_and_version()
    {
        var options = new ThinCheckOptions(Meta) { OverrideDetailsRoot = 5 };

        var refused = FluentActions.Invoking(() => options.BuildArguments(Cpp)).Should().Throw<DmpdOptionNotSupportedException>().Which;

        refused.Tool.Should().Be("thin_check");
        refused.Option.Should().Be("--override-details-root");
        refused.Version.Should().Be(Cpp);
        refused.Message.Should().Contain("thin_check").And.Contain("0.9.0").And.Contain("--override-details-root");
        options.BuildArguments(Rust).Should().Equal("--override-details-root", "5", Meta);
    }

    [TestCase("cache_check")]
    [TestCase("era_check")]
    [TestCase("thin_dump")]
    [TestCase("thin_repair")]
    [TestCase("thin_trim")]
    [TestCase("cache_repair")]
    [TestCase("cache_writeback")]
    public void Rust_only_flags_of_other_tools_are_refused_for_0_9_and_accepted_for_1_x(string tool)
    {
        DmpdToolOptions options = tool switch
        {
            "cache_check" => new CacheCheckOptions(Meta) { AutoRepair = true },
            "era_check" => new EraCheckOptions(Meta) { IgnoreNonFatalErrors = true },
            "thin_dump" => new ThinDumpOptions(Meta) { Quiet = true },
            "thin_repair" => new ThinRepairOptions(Meta, "/o") { Quiet = true },
            "thin_trim" => new ThinTrimOptions(Meta, "/dev/x") { Quiet = true },
            "cache_repair" => new CacheRepairOptions(Meta, "/o") { Quiet = true },
            _ => new CacheWritebackOptions(Meta, "/o", "/f") { RetryCount = 3 },
        };

        FluentActions.Invoking(() => options.BuildArguments(Cpp)).Should().Throw<DmpdOptionNotSupportedException>()
            .Which.Tool.Should().Be(tool);
        options.BuildArguments(Rust).Should().NotBeEmpty();
    }

    [Test]
    public void Tools_only_the_rust_generation_ships_are_refused_for_0_9()
    {
        DmpdToolOptions[] rustOnly =
        [
            new ThinMetadataPackOptions(Meta, "/p"),
            new ThinMetadataUnpackOptions("/p", Meta),
            new ThinShrinkOptions("/in.xml", "/out.xml", "/dev/data", 100),
            new EraRepairOptions(Meta, "/o"),
        ];

        foreach (var options in rustOnly)
        {
            FluentActions.Invoking(() => options.BuildArguments(Cpp)).Should().Throw<DmpdOptionNotSupportedException>()
                .Which.Option.Should().Be(options.Tool);
        }

        new ThinMetadataUnpackOptions("/p", Meta) { Force = true }.BuildArguments(Rust).Should().Equal("-f", "-i", "/p", "-o", Meta);
        new ThinShrinkOptions("/in.xml", "/out.xml", "/dev/data", 100) { NoCopy = true }.BuildArguments(Rust)
            .Should().Equal("-i", "/in.xml", "-o", "/out.xml", "--data", "/dev/data", "--nr-blocks", "100", "--no-copy");
    }

    [TestCase("0.9.0", "--metadata-snapshot")]
    [TestCase("1.0.4", "--metadata-snapshot")]
    [TestCase("1.1.0", "--metadata-snapshot=1")]
    [TestCase("1.2.2", "--metadata-snapshot")]
    public void Era_invalidate_gives_1_0_5_to_1_2_1_a_value_for_metadata_snapshot_so_the_input_path_stays_the_input(string version, string written)
    {
        new EraInvalidateOptions(Meta, 2) { MetadataSnapshot = true }.BuildArguments(Version.Parse(version))
            .Should().Equal("--written-since", "2", written, Meta);
    }

    [Test]
    public void Thin_migrate_is_refused_before_1_1_and_takes_exactly_one_destination()
    {
        var toFile = new ThinMigrateOptions("/dev/dm-3") { DestinationFile = "/copy.bin", BufferSizeMeg = 4 };

        toFile.BuildArguments(new Version(1, 1, 0)).Should().Equal("--source-dev", "/dev/dm-3", "--dest-file", "/copy.bin", "--buffer-size-meg", "4");
        FluentActions.Invoking(() => toFile.BuildArguments(Cpp)).Should().Throw<DmpdOptionNotSupportedException>();
        FluentActions.Invoking(() => toFile.BuildArguments(Rust)).Should().Throw<DmpdOptionNotSupportedException>()
            .Which.Requirement.Should().Contain("1.1");
        FluentActions.Invoking(() => new ThinMigrateOptions("/dev/dm-3").BuildArguments(new Version(1, 1, 0))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => (toFile with { DestinationDevice = "/dev/dm-4" }).BuildArguments(new Version(1, 1, 0))).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Only_the_cpp_generation_takes_a_block_for_thin_deltas_metadata_snapshot_and_a_debug_metadata_version()
    {
        var delta = new ThinDeltaOptions(Meta) { Thin1 = 1, Thin2 = 2, MetadataSnapshotBlock = 9 };
        var restore = new CacheRestoreOptions("/c.xml", Meta) { DebugOverrideMetadataVersion = 7 };

        delta.BuildArguments(Cpp).Should().Equal("--thin1", "1", "--thin2", "2", "--metadata-snap=9", Meta);
        FluentActions.Invoking(() => delta.BuildArguments(Rust)).Should().Throw<DmpdOptionNotSupportedException>();
        restore.BuildArguments(Cpp).Should().Contain("--debug-override-metadata-version");
        FluentActions.Invoking(() => restore.BuildArguments(Rust)).Should().Throw<DmpdOptionNotSupportedException>();
    }

    [Test]
    public void Thin_delta_needs_one_side_each_and_roots_only_on_1_x()
    {
        FluentActions.Invoking(() => new ThinDeltaOptions(Meta) { Thin1 = 1 }.BuildArguments(Cpp)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ThinDeltaOptions(Meta) { Thin1 = 1, Root1 = 4, Thin2 = 2 }.BuildArguments(Rust))
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ThinDeltaOptions(Meta) { Root1 = 4, Thin2 = 2 }.BuildArguments(Cpp))
            .Should().Throw<DmpdOptionNotSupportedException>();
        new ThinDeltaOptions(Meta) { Root1 = 4, Root2 = 8, Verbose = true }.BuildArguments(Rust)
            .Should().Equal("--root1", "4", "--root2", "8", "--verbose", Meta);
    }

    [Test]
    public void Thin_dump_writes_format_snapshot_block_device_ids_overrides_and_output()
    {
        var argv = new ThinDumpOptions(Meta)
        {
            Format = ThinDumpFormat.HumanReadable,
            Repair = true,
            MetadataSnapshotBlock = 12,
            DeviceIds = [1, 3],
            SkipMappings = true,
            TransactionId = 2,
            DataBlockSize = 128,
            NrDataBlocks = 1024,
            Output = "/var/tmp/out.xml",
        }.BuildArguments(Cpp);

        argv.Should().Equal("--format", "human_readable", "--repair", "--metadata-snap=12", "--dev-id", "1", "--dev-id", "3",
            "--skip-mappings", "--transaction-id", "2", "--data-block-size", "128", "--nr-data-blocks", "1024",
            "-o", "/var/tmp/out.xml", Meta);
        new ThinDumpOptions(Meta) { MetadataSnapshot = true }.BuildArguments(Rust).Should().Equal("--metadata-snap", Meta);
    }

    [Test]
    public void Metadata_size_estimates_pass_sizes_in_sectors_and_cache_sizes_bare_on_0_9()
    {
        new ThinMetadataSizeOptions(Size.FromKiB(64), Size.FromGiB(2), 10) { Unit = MetadataSizeUnit.Mebibytes, NumericOnly = MetadataSizeNumericOnly.ShortUnit }
            .BuildArguments(Cpp).Should().Equal("-b", "128s", "-s", "4194304s", "-m", "10", "-u", "m", "--numeric-only=short");
        var cache = new CacheMetadataSizeOptions { BlockSize = Size.FromKiB(64), DeviceSize = Size.FromGiB(1), MaxHintWidth = 4 };
        cache.BuildArguments(Cpp).Should().Equal("--block-size", "128", "--device-size", "2097152", "--max-hint-width", "4");
        cache.BuildArguments(Rust).Should().Equal("--block-size", "128s", "--device-size", "2097152s", "--max-hint-width", "4");
        FluentActions.Invoking(() => (cache with { Unit = MetadataSizeUnit.Bytes }).BuildArguments(Cpp))
            .Should().Throw<DmpdOptionNotSupportedException>();
        FluentActions.Invoking(() => new CacheMetadataSizeOptions { BlockSize = Size.FromKiB(64) }.BuildArguments(Cpp))
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ThinMetadataSizeOptions(Size.FromBytes(100), Size.FromGiB(1), 1).BuildArguments(Cpp))
            .Should().Throw<ArgumentException>();
    }

    [Test]
    public void Relative_paths_become_absolute_so_a_name_starting_with_a_dash_is_never_an_option()
    {
        var argv = new ThinCheckOptions("-q").BuildArguments(Cpp);

        argv.Should().ContainSingle().Which.Should().Be(Path.Combine(Environment.CurrentDirectory, "-q"));
    }

    [Test]
    public void Thin_rmap_needs_a_region_and_writes_each_as_begin_dot_dot_end()
    {
        FluentActions.Invoking(() => new ThinRmapOptions(Meta).BuildArguments(Cpp)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new DataBlockRange(5, 5)).Should().Throw<ArgumentOutOfRangeException>();
        new ThinRmapOptions(Meta) { Regions = [new(0, 10), new(20, 21)] }.BuildArguments(Rust)
            .Should().Equal("--region", "0..10", "--region", "20..21", Meta);
    }

    [Test]
    public void Thin_ls_fields_use_the_tools_column_names()
    {
        new ThinLsOptions(Meta) { Fields = [ThinLsField.Dev, ThinLsField.ExclusiveBytes, ThinLsField.SnapTime], NoHeaders = true }
            .BuildArguments(Cpp).Should().Equal("--no-headers", "-o", "DEV,EXCLUSIVE_BYTES,SNAP_TIME", Meta);
    }

    [Test]
    public void A_built_command_hands_the_exit_code_back_as_data_and_has_a_timeout()
    {
        var tools = DmpdToolSet.ForVersion(Cpp, timeout: TimeSpan.FromSeconds(42));

        var command = tools.BuildCommand(new EraInvalidateOptions(Meta, 3) { Output = "/var/tmp/i.xml" });

        Path.GetFileName(command.Program).Should().Be("era_invalidate");
        command.Arguments.Should().Equal("--written-since", "3", "-o", "/var/tmp/i.xml", Meta);
        command.Validation.Should().Be(CommandValidation.None);
        command.Timeout.Should().Be(TimeSpan.FromSeconds(42));
        tools.Generation.Should().Be(DmpdGeneration.Cpp);
        DmpdToolSet.GenerationOf(Rust).Should().Be(DmpdGeneration.Rust);
    }
}
