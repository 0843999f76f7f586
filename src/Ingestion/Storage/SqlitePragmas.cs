using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HistoryGraph.Ingestion.Storage;

/// WAL lets readers work while the writer commits; synchronous=FULL makes a commit survive
/// power loss, which is what "answered 200" promises.
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    // busy_timeout first: switching a new file to WAL needs a moment of exclusive access.
    private const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
