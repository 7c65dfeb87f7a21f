using System.Security.Cryptography;
using Sts.Core.Runs;

namespace Sts.Tests.Unit.Dmpd;

/// <summary>
/// A directory of metadata files under the run's work directory (where the damage helpers may
/// act), deleted when the test ends.
/// </summary>
public sealed class MetadataScratch : IDisposable
{
    public MetadataScratch()
    {
        Root = Path.Combine(RunContext.Current.WorkDirectory, RunContext.Current.NewName("dmpd"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>An empty (sparse) file the restore and repair tools can write metadata onto.</summary>
    public string NewMetadataFile(string name, long bytes = 16L << 20)
    {
        var path = PathOf(name);
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            stream.SetLength(bytes);
        }

        return path;
    }

    /// <summary>Copies a file of Sts.Tests/TestData/dmpd-tools into the directory.</summary>
    public string CopyTestData(string name)
    {
        var path = PathOf(name);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "dmpd-tools", name), path);
        return path;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The index of the first 4 KiB block that contains the byte pattern, found by reading the file.</summary>
    public static long FindBlockContaining(string path, byte[] pattern)
    {
        var bytes = File.ReadAllBytes(path);
        var at = bytes.AsSpan().IndexOf(pattern);
        return at < 0 ? throw new InvalidOperationException($"No block of {path} contains the pattern.") : at / 4096;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
