namespace Sts.Tests.TestData;

/// <summary>Reads captured tool and kernel outputs copied next to the test assembly.</summary>
internal static class TestDataFile
{
    public static string Read(params string[] relativePath) =>
        File.ReadAllText(Path.Combine([AppContext.BaseDirectory, "TestData", .. relativePath]));
}
