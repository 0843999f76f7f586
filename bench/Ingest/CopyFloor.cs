using System.Diagnostics;
using Npgsql;

namespace HistoryGraph.Bench.Ingest;

/// The floor a writer of these rows cannot beat: PostgreSQL's binary COPY of exactly the rows
/// the server stored for a range of events (their events, field changes and versions, and the
/// entities they left), into empty tables made LIKE the real ones with every index, in one
/// transaction. Export happens before timing; only the import and its commit are timed.
public static class CopyFloor
{
    private static readonly (string Table, string Rows)[] Tables =
    [
        ("change_events", "sequence BETWEEN @first AND @last"),
        ("field_changes", "event_sequence BETWEEN @first AND @last"),
        ("entity_versions", "event_sequence BETWEEN @first AND @last"),
        ("entities", "state_event_sequence BETWEEN @first AND @last"),
    ];

    public static async Task<long> HighestSequenceAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(sequence), 0) FROM change_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// Events per second at the floor for the events first to last.
    public static async Task<double> EventsPerSecondAsync(string connectionString, long first, long last)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var exported = new List<(string Table, byte[] Rows)>();
        foreach (var (table, rows) in Tables)
        {
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS floor_{table}; CREATE TABLE floor_{table} (LIKE {table} INCLUDING ALL)");
            var select = rows.Replace("@first", first.ToString(), StringComparison.Ordinal).Replace("@last", last.ToString(), StringComparison.Ordinal);
            await using var export = await connection.BeginRawBinaryCopyAsync($"COPY (SELECT * FROM {table} WHERE {select}) TO STDOUT (FORMAT BINARY)");
            using var buffer = new MemoryStream();
            await export.CopyToAsync(buffer);
            exported.Add((table, buffer.ToArray()));
        }

        var timer = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var (table, rows) in exported)
            {
                await using var import = await connection.BeginRawBinaryCopyAsync($"COPY floor_{table} FROM STDIN (FORMAT BINARY)");
                await import.WriteAsync(rows);
            }
            await transaction.CommitAsync();
        }
        timer.Stop();

        foreach (var (table, _) in Tables)
            await ExecuteAsync(connection, $"DROP TABLE floor_{table}");
        return (last - first + 1) / timer.Elapsed.TotalSeconds;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
