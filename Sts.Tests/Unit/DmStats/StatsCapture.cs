namespace Sts.Tests.Unit.DmStats;

/// <summary>The dm-stats answers TestData/dm-stats/capture.sh saved from Debian's 6.1 kernel.</summary>
internal static class StatsCapture
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestData", "dm-stats");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static IEnumerable<string> Files(string prefix) =>
        System.IO.Directory.GetFiles(Directory, prefix + "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;
}
