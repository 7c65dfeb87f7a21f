using Sts.Core.Commands;

namespace Sts.Core.Host;

/// <summary>
/// Kernel modules: whether one is loaded (or built in), whether the running kernel ships it, and
/// loading it with <c>modprobe</c>. Names compare with '-' and '_' as equal, as modprobe does.
/// </summary>
public static class KernelModules
{
    /// <summary>True when the module is loaded or built into the running kernel.</summary>
    /// <param name="name">A module name, e.g. "dm-thin-pool" or "dm_thin_pool".</param>
    public static bool IsLoaded(string name) =>
        // /sys/module lists loaded modules and built-in ones that have parameters; modules.builtin
        // covers the rest.
        Directory.Exists($"/sys/module/{Normalize(name)}") || IsBuiltIn(name);

    /// <summary>True when the running kernel can provide the module: built in, loaded, or present under /lib/modules.</summary>
    /// <param name="name">A module name.</param>
    public static bool IsAvailable(string name)
    {
        if (IsLoaded(name))
        {
            return true;
        }

        var modulesDep = Path.Combine(ModulesDirectory, "modules.dep");
        if (!File.Exists(modulesDep))
        {
            return false;
        }

        var wanted = Normalize(name);
        return File.ReadLines(modulesDep).Any(line => ModuleNameOf(line.Split(':', 2)[0]) == wanted);
    }

    /// <summary>Loads a module with modprobe (a no-op when it is already loaded or built in).</summary>
    /// <param name="name">A module name.</param>
    /// <param name="executor">Where to run modprobe; null for the local machine.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <exception cref="CommandFailedException">modprobe failed: the module is missing or refused to load.</exception>
    /// <exception cref="CommandStartException">modprobe is not installed.</exception>
    public static async Task LoadAsync(string name, ICommandExecutor? executor = null, CancellationToken cancellationToken = default)
    {
        if (IsLoaded(name))
        {
            return;
        }

        await new Command("modprobe").WithArguments(name).WithTimeout(TimeSpan.FromMinutes(1))
            .ExecuteAsync(executor, cancellationToken).ConfigureAwait(false);
    }

    private static string ModulesDirectory => Path.Combine("/lib/modules", HostInfo.KernelRelease);

    private static bool IsBuiltIn(string name)
    {
        var builtin = Path.Combine(ModulesDirectory, "modules.builtin");
        if (!File.Exists(builtin))
        {
            return false;
        }

        var wanted = Normalize(name);
        return File.ReadLines(builtin).Any(line => ModuleNameOf(line) == wanted);
    }

    private static string ModuleNameOf(string path)
    {
        // kernel/drivers/md/dm-thin-pool.ko.xz → dm_thin_pool
        var file = Path.GetFileName(path.Trim());
        var dot = file.IndexOf(".ko", StringComparison.Ordinal);
        return Normalize(dot >= 0 ? file[..dot] : file);
    }

    private static string Normalize(string name) => name.Replace('-', '_');
}
