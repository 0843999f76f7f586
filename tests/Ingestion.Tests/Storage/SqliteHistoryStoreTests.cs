using HistoryGraph.TestSupport;

namespace HistoryGraph.Ingestion.Tests.Storage;

public sealed class SqliteHistoryStoreTests(SqliteStoreFixture fixture) : HistoryStoreTests(fixture), IClassFixture<SqliteStoreFixture>;
