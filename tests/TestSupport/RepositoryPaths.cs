namespace HistoryGraph.TestSupport;

/// Folders of this repository, found from the test binaries upwards.
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "HistoryGraph.sln")))
                folder = folder.Parent;
            return folder?.FullName ?? throw new DirectoryNotFoundException("HistoryGraph.sln was not found above the test binaries.");
        }
    }

    /// tests/clients: the npm packages of the real clients the tests run (installed by scripts/test.sh).
    public static string Clients => Path.Combine(Root, "tests", "clients");
}
