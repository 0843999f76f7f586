using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Hosting;

public sealed class PostgresReleaseBaselineTests : ReleaseBaselineTests
{
    protected override async Task<string> NewStoreAsync() => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();

    protected override string[] PreReleaseMigrations =>
    [
        "20261123135814_InitialHistory", "20261123140917_EntityHistoryIndexes", "20261127191708_CompactStorage", "20261127194140_LeanRows",
        "20261128002456_FqnByteOrder", "20261128025748_PayloadDictionaries", "20261128101358_SemanticChanges", "20261128102404_VersionLifecycles",
        "20261128110646_ChangeCounts", "20261128144115_RestoreAttempts", "20261128155547_BackfillAndRetention", "20261128174339_DataProtectionKeys",
        "20261128213426_Notifications",
    ];
}
