using System.CommandLine;
using System.Security.Cryptography;
using Sts.Results.Import;
using Sts.Results.Model;

namespace Sts.Cli.Commands;

/// <summary>
/// <c>sts import TRX [--set NAME] [--kernel RELEASE] [--origin TEXT]</c>: stores a trx file (an
/// older run, another machine) as a run, all of it or nothing. The kernel is read from a
/// <c>kernel-release</c> file next to the trx's directory (as tmt/run-suite leaves it) unless given.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var trx = new Argument<FileInfo>("TRX") { Description = "The trx file (dotnet test --logger trx)" };
        trx.AcceptExistingOnly();
        var set = new Option<string?>("--set") { Description = "The result set (default: the kernel release)" };
        var kernel = new Option<string?>("--kernel") { Description = "The kernel release the tests ran on (default: ../kernel-release next to the trx, else 'unknown')" };
        var origin = new Option<string>("--origin") { Description = "Where that kernel came from", DefaultValueFactory = _ => "imported" };
        var command = new Command("import", "Store a trx file as a run.") { trx, set, kernel, origin };
        command.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(trx);
            var run = TrxReader.Read(file.FullName);
            var release = parse.GetValue(kernel) ?? KernelReleaseBeside(file) ?? "unknown";
            var info = new RunInfo(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), parse.GetValue(set) ?? release, release,
                parse.GetRequiredValue(origin), string.Empty, string.Empty, string.Empty, run.Host, run.Started, "trx " + file.FullName);
            using var store = context.OpenStore(parse, create: true);
            store.Import(info, run.Records);
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
