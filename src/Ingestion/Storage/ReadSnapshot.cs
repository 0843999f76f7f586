using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HistoryGraph.Ingestion.Storage;

/// A read-only transaction in which every query sees the store as it was at its first read,
/// whatever commits meanwhile: for answers read in several queries that must agree with each
/// other (a count and the highest sequence it includes).
public sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly HistoryDbContext _db;
    private readonly DbTransaction? _own;

    private ReadSnapshot(HistoryDbContext db, IDbContextTransaction transaction, DbTransaction? own)
    {
        _db = db;
        _transaction = transaction;
        _own = own;
    }

    public static async Task<ReadSnapshot> BeginAsync(HistoryDbContext db, CancellationToken cancellationToken)
    {
        if (db is PostgresHistoryDbContext)
            return new ReadSnapshot(db, await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken), null);
        // SQLite's default transaction takes the write lock at once; a deferred one only reads,
        // and in WAL mode keeps the snapshot of its first read.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var own = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        return new ReadSnapshot(db, await db.Database.UseTransactionAsync(own, cancellationToken) ?? throw new InvalidOperationException("The store did not take the transaction."), own);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        if (_own is null)
            return;
        await _own.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }
}
