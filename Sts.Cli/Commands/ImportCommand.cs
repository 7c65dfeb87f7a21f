using System.CommandLine;
using System.Security.Cryptography;
using Sts.Results.Import;
using Sts.Results.Model;
using Sts.Results.Store;

namespace Sts.Cli.Commands;

/// <summary>
/// <c>sts import FILE [--set NAME] [--kernel RELEASE] [--origin TEXT]</c>: stores a trx file (an
/// older run, another machine) as a run, all of it or nothing. The kernel is read from a
/// <c>kernel-release</c> file next to the trx's directory (as tmt/run-suite leaves it) unless given.
/// FILE may also be another result store (e.g. the one a lab VM guest recorded into): its runs
/// this store lacks are copied as they are (--set, --kernel and --origin do not apply).
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var trx = new Argument<FileInfo>("FILE") { Description = "A trx file (dotnet test --logger trx), or another result store" };
        trx.AcceptExistingOnly();
        var set = new Option<string?>("--set") { Description = "The result set (default: the kernel release)" };
        var kernel = new Option<string?>("--kernel") { Description = "The kernel release the tests ran on (default: ../kernel-release next to the trx, else 'unknown')" };
        var origin = new Option<string>("--origin") { Description = "Where that kernel came from", DefaultValueFactory = _ => "imported" };
        var command = new Command("import", "Store a trx file as a run, or copy another store's runs.") { trx, set, kernel, origin };
        command.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(trx);
            if (ResultStore.IsSqliteFile(file.FullName))
            {
                using var source = ResultStore.Open(file.FullName, create: false);
                using var target = context.OpenStore(parse, create: true);
                if (target.Path == source.Path)
                {
                    throw new UsageException($"'{file.FullName}' is the store itself");
                }

                var (copied, present) = context.Report().Progress($"Copying runs from {source.Path}", () => target.Merge(source));
                context.Output.WriteLine($"Copied {copied.Count} runs from {source.Path} into {target.Path}"
                    + (copied.Count > 0 ? $" ({string.Join(", ", copied)})" : string.Empty)
                    + (present.Count > 0 ? $"; {present.Count} already there" : string.Empty));
                return ExitCodes.Ok;
            }

            var report = context.Report();
            var run = report.Progress($"Reading {file.FullName}", () => TrxReader.Read(file.FullName));
            var release = parse.GetValue(kernel) ?? KernelReleaseBeside(file) ?? "unknown";
            var info = new RunInfo(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), parse.GetValue(set) ?? release, release,
                parse.GetRequiredValue(origin), string.Empty, string.Empty, string.Empty, run.Host, run.Started, "trx " + file.FullName);
            using var store = context.OpenStore(parse, create: true);
            report.Progress($"Storing {run.Records.Count} results", () =>
            {
                store.Import(info, run.Records);
                return run.Records.Count;
            });
            context.Output.WriteLine($"Imported {run.Records.Count} results from {file.FullName} as run {info.Id} (result set '{info.ResultSet}') into {store.Path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? KernelReleaseBeside(FileInfo trx)
    {
        foreach (var directory in new[] { trx.Directory, trx.Directory?.Parent })
        {
            var candidate = directory is null ? null : Path.Combine(directory.FullName, "kernel-release");
            if (candidate is not null && File.Exists(candidate) && File.ReadAllText(candidate).Trim() is { Length: > 0 } release)
            {
                return release;
            }
        }

        return null;
    }
}
