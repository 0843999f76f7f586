using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HistoryGraph.Ingestion.Storage;

/// Tells "the database cannot be reached or is overloaded right now" (retry, then 503) from
/// "the database refused this data" (a problem with the delivery itself).
public static class StorageFailure
{
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: "08P01" }:
                    // A protocol violation reported by a server that is up (a value it cannot take,
                    // such as NUL in text): a problem with the data, not an outage.
                    return false;
                case PostgresException pg:
                    // 08: connection, 53: resources, 57P: shutdown, 58: system; 40001/40P01: retryable.
                    return pg.IsTransient || pg.SqlState.StartsWith("08") || pg.SqlState.StartsWith("53")
                        || pg.SqlState.StartsWith("57P") || pg.SqlState.StartsWith("58");
                case NpgsqlException:
                    return true;
                case SqliteException sqlite:
                    // BUSY, LOCKED, IOERR, FULL, CANTOPEN
                    return sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14;
                case SocketException or TimeoutException or IOException:
                    return true;
            }
        }
        return false;
    }
}
