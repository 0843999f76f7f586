using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Hosting;

public sealed class SqliteReleaseBaselineTests : ReleaseBaselineTests, IDisposable
{
    private readonly string _path = TestStores.NewSqlitePath();

    protected override Task<string> NewStoreAsync() => Task.FromResult($"Data Source={_path}");

    protected override string[] PreReleaseMigrations =>
    [
        "20261123135827_InitialHistory", "20261123140930_EntityHistoryIndexes", "20261127191734_CompactStorage", "20261127194207_LeanRows",
        "20261128002522_FqnByteOrder", "20261128025812_PayloadDictionaries", "20261128101428_SemanticChanges", "20261128102434_VersionLifecycles",
        "20261128110715_ChangeCounts", "20261128144150_RestoreAttempts", "20261128155621_BackfillAndRetention", "20261128174416_DataProtectionKeys",
        "20261128213448_Notifications",
    ];

    public void Dispose() => TestStores.DeleteSqlite(_path);
}
