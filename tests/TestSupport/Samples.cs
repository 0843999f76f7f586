namespace HistoryGraph.TestSupport;

/// OpenMetadata sample payloads (see Samples/SOURCES.md), copied next to the test binaries.
public static class Samples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Samples");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Find(name));

    public static string Text(string name) => File.ReadAllText(Find(name));

    private static string Find(string name) =>
        Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories).SingleOrDefault(f => Path.GetFileName(f).StartsWith(name, StringComparison.Ordinal))
        ?? throw new FileNotFoundException($"No sample starting with '{name}' in {Folder}");
}
