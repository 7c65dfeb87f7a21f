using System.Globalization;
using System.Text.Json;
using Sts.Core.Commands;
using Sts.Core.Parsing;
using Sts.Core.Runs;
using Sts.Core.Units;

namespace Sts.Core.Devices;

/// <summary>
/// A loop device the framework attached, usually over a sparse backing file it created in the
/// run's directory. Disposing detaches it and deletes a file it created. Detach checks that the
/// node still serves this object's backing file, so a loop device that was detached meanwhile
/// and reused by someone else is never touched.
/// </summary>
public sealed class LoopDevice : BlockDevice, IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly ICommandExecutor? _executor;

    private LoopDevice(string path, string backingFile, bool ownsBackingFile, LoopDeviceOptions options, ICommandExecutor? executor)
        : base(path)
    {
        BackingFile = backingFile;
        OwnsBackingFile = ownsBackingFile;
        Options = options;
        _executor = executor;
    }

    /// <summary>The backing file's full path.</summary>
    public string BackingFile { get; }

    /// <summary>True when the framework created the backing file (and deletes it on detach).</summary>
    public bool OwnsBackingFile { get; }

    /// <summary>The options it was attached with.</summary>
    public LoopDeviceOptions Options { get; }

    /// <summary>False once detached.</summary>
    public bool IsAttached { get; private set; } = true;

    /// <summary>
    /// Creates a sparse backing file of the given size in the run's directory and attaches a
    /// free loop device to it. On failure the file is deleted: nothing half-created is left.
    /// </summary>
    /// <param name="size">The device size: positive, a multiple of the sector size.</param>
    /// <param name="options">How to attach; null for losetup's defaults.</param>
    /// <param name="run">The run that owns it; null for <see cref="RunContext.Current"/>.</param>
    /// <param name="executor">Where losetup runs; null for the local machine.</param>
    /// <param name="cancellationToken">Cancels the attach.</param>
    /// <returns>The attached device.</returns>
    /// <exception cref="InvalidSizeException">The size is zero or not a multiple of the sector size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options' sector size is not supported.</exception>
    /// <exception cref="CommandFailedException">losetup refused (no free loop device, not root, …).</exception>
    public static async Task<LoopDevice> CreateAsync(Size size, LoopDeviceOptions? options = null, RunContext? run = null,
        ICommandExecutor? executor = null, CancellationToken cancellationToken = default)
    {
        options ??= new LoopDeviceOptions();
        Validate(size, options);
        run ??= RunContext.Current;
        var directory = System.IO.Path.Combine(run.WorkDirectory, "loop");
        Directory.CreateDirectory(directory);
        var file = System.IO.Path.Combine(directory, run.NewName("loop") + ".img");
        await using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
        {
            stream.SetLength(size.Bytes); // sparse: no blocks are allocated until written
        }

        try
        {
            return await AttachCoreAsync(file, ownsBackingFile: true, options, executor, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(file);
            throw;
        }
    }

    /// <summary>Checks, without creating anything, that <see cref="CreateAsync"/> would accept a size and options.</summary>
    /// <param name="size">The device size.</param>
    /// <param name="options">How to attach; null for losetup's defaults.</param>
    /// <exception cref="InvalidSizeException">The size is zero or not a multiple of the sector size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options' sector size is not supported.</exception>
    public static void Validate(Size size, LoopDeviceOptions? options = null)
    {
        options ??= new LoopDeviceOptions();
        options.Validate();
        if (size == Size.Zero)
        {
            throw new InvalidSizeException("A loop device cannot be empty: give a positive size.");
        }

        size.EnsureAlignedTo(Size.FromBytes(options.SectorSize ?? Sectors.SectorSize), "loop device size");
    }

    /// <summary>
    /// Attaches a free loop device to an existing file, which the framework will not delete or
    /// resize.
    /// </summary>
    /// <param name="backingFile">The file.</param>
    /// <param name="options">How to attach; null for losetup's defaults.</param>
    /// <param name="executor">Where losetup runs; null for the local machine.</param>
    /// <param name="cancellationToken">Cancels the attach.</param>
    /// <returns>The attached device.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CommandFailedException">losetup refused.</exception>
    public static Task<LoopDevice> AttachAsync(string backingFile, LoopDeviceOptions? options = null,
        ICommandExecutor? executor = null, CancellationToken cancellationToken = default)
    {
        var full = System.IO.Path.GetFullPath(backingFile);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Cannot attach a loop device: '{full}' does not exist.", full);
        }

        options ??= new LoopDeviceOptions();
        options.Validate();
        return AttachCoreAsync(full, ownsBackingFile: false, options, executor, cancellationToken);
    }

    /// <summary>Lists every attached loop device on the machine (<c>losetup --list --json</c>).</summary>
    /// <param name="executor">Where losetup runs; null for the local machine.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The devices, in losetup's order.</returns>
    /// <exception cref="CommandFailedException">losetup failed.</exception>
    /// <exception cref="StsException">losetup's JSON was not what util-linux writes.</exception>
    public static async Task<IReadOnlyList<LoopDeviceInfo>> ListAsync(ICommandExecutor? executor = null,
        CancellationToken cancellationToken = default)
    {
        var result = await Losetup("--list", "--json", "--output", "NAME,BACK-FILE,SIZELIMIT,OFFSET,RO,DIO,LOG-SEC")
            .ExecuteAsync(executor, cancellationToken).ConfigureAwait(false);
        return ParseList(result.StandardOutput);
    }

    /// <summary>
    /// Grows or shrinks the backing file and tells the kernel (<c>losetup --set-capacity</c>).
    /// </summary>
    /// <param name="newSize">The new size: positive, a multiple of the sector size.</param>
    /// <param name="cancellationToken">Cancels the resize.</param>
    /// <exception cref="UnsafeOperationException">The backing file is not the framework's.</exception>
    /// <exception cref="InvalidOperationException">The device is detached.</exception>
    /// <exception cref="InvalidSizeException">The size is zero or unaligned.</exception>
    /// <exception cref="CommandFailedException">losetup failed.</exception>
    public async Task ResizeAsync(Size newSize, CancellationToken cancellationToken = default)
    {
        if (!OwnsBackingFile)
        {
            throw new UnsafeOperationException(BackingFile, $"Refusing to resize '{BackingFile}': the framework did not create it.");
        }

        if (!IsAttached)
        {
            throw new InvalidOperationException($"{Path} was detached.");
        }

        if (newSize == Size.Zero)
        {
            throw new InvalidSizeException("A loop device cannot be resized to zero.");
        }

        newSize.EnsureAlignedTo(Size.FromBytes(Options.SectorSize ?? Sectors.SectorSize), "loop device size");
        await using (var stream = new FileStream(BackingFile, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(newSize.Bytes);
        }

        await Losetup("--set-capacity", Path).ExecuteAsync(_executor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Detaches the device and deletes a backing file the framework created. Does nothing when
    /// already detached.
    /// </summary>
    /// <param name="cancellationToken">Cancels the detach.</param>
    /// <exception cref="UnsafeOperationException">The node now serves another file: it was detached and reused by someone else.</exception>
    /// <exception cref="CommandFailedException">losetup failed.</exception>
    public async Task DetachAsync(CancellationToken cancellationToken = default)
    {
        if (!IsAttached)
        {
            return;
        }

        var current = CurrentBackingFile();
        if (current is null)
        {
            IsAttached = false; // detached behind our back; nothing of ours is there any more
        }
        else if (current != BackingFile)
        {
            // The node is someone else's now; our backing file is still ours to delete.
            IsAttached = false;
            DeleteOwnedBackingFile();
            throw new UnsafeOperationException(Path,
                $"Refusing to detach {Path}: it now serves '{current}', not the framework's '{BackingFile}'.");
        }
        else
        {
            await Losetup("--detach", Path).ExecuteAsync(_executor, cancellationToken).ConfigureAwait(false);
            IsAttached = false;
        }

        DeleteOwnedBackingFile();
    }

    /// <summary>Detaches with a bounded time of its own (never the test's token).</summary>
    /// <returns>A task that completes when detached.</returns>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await DetachAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Reads losetup's JSON list.</summary>
    internal static IReadOnlyList<LoopDeviceInfo> ParseList(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return []; // losetup prints nothing at all when no device is attached
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("loopdevices").EnumerateArray().Select(device => new LoopDeviceInfo(
                device.GetProperty("name").GetString() ?? string.Empty,
                device.GetProperty("back-file").GetString() ?? string.Empty,
                Size.FromBytes(ReadLong(device.GetProperty("offset"))),
                Size.FromBytes(ReadLong(device.GetProperty("sizelimit"))),
                ReadBool(device.GetProperty("ro")),
                ReadBool(device.GetProperty("dio")),
                ReadLogicalSectorSize(device.GetProperty("log-sec")))).ToList();
        }
        // ArgumentException: text that is not valid UTF-16 (a lone surrogate) cannot be transcoded for the JSON reader.
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new StsException($"Cannot read losetup's JSON: {ex.Message}. Output was: {json}", ex);
        }
    }

    private static async Task<LoopDevice> AttachCoreAsync(string file, bool ownsBackingFile, LoopDeviceOptions options,
        ICommandExecutor? executor, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "--find", "--show" };
        if (options.ReadOnly)
        {
            arguments.Add("--read-only");
        }

        if (options.SectorSize is { } sectorSize)
        {
            arguments.AddRange(["--sector-size", sectorSize.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.DirectIo is { } directIo)
        {
            arguments.Add(directIo ? "--direct-io=on" : "--direct-io=off");
        }

        arguments.Add(file); // absolute, so it can never be read as an option
        var result = await Losetup([.. arguments]).ExecuteAsync(executor, cancellationToken).ConfigureAwait(false);
        var path = result.StandardOutput.Trim();
        if (!path.StartsWith("/dev/", StringComparison.Ordinal))
        {
            throw new StsException($"losetup attached '{file}' but printed '{path}' instead of a device node.");
        }

        return new LoopDevice(path, file, ownsBackingFile, options, executor);
    }

    private void DeleteOwnedBackingFile()
    {
        if (OwnsBackingFile)
        {
            File.Delete(BackingFile);
        }
    }

    private string? CurrentBackingFile()
    {
        try
        {
            return ReadAttribute("loop/backing_file");
        }
        catch (DeviceNotFoundException)
        {
            return null; // no loop/ directory: the device is not bound to a file any more
        }
    }

    private static Command Losetup(params string[] arguments) =>
        new Command("losetup").WithArguments(arguments).WithTimeout(CommandTimeout);

    // Numbers out of range are format errors like any other: losetup never prints them.
    private static long ReadLong(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var number) && number >= 0 => number,
        JsonValueKind.String when AsciiNumber.TryParseNonNegativeInt64(element.GetString(), out var number) => number,
        _ => throw new FormatException($"expected a non-negative 64-bit number, found {element.GetRawText()}"),
    };

    private static int ReadLogicalSectorSize(JsonElement element)
    {
        var size = ReadLong(element);
        return size <= int.MaxValue ? (int)size : throw new FormatException($"logical sector size {size} is out of range");
    }

    // util-linux before 2.37 wrote flags as "0"/"1" strings; newer versions write booleans.
    private static bool ReadBool(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString() == "1",
        JsonValueKind.Number => ReadLong(element) != 0,
        _ => throw new FormatException($"expected a flag, found {element.ValueKind}"),
    };
}
