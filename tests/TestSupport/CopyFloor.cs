using System.Diagnostics;
using Npgsql;

namespace HistoryGraph.TestSupport;

/// The floor a writer of these rows cannot beat: PostgreSQL's binary COPY of exactly the rows
/// the server stored for a range of events (their events, field changes and versions, and the
/// entities they left), into empty tables made LIKE the real ones with every index, in one
/// transaction. Export happens before timing; only the import and its commit are timed, with
/// the CPU PostgreSQL spent on them. With `wholeStore`, the range is every event stored, and the
/// rows that belong to no single event (the change_counts rollup, the actors) are copied too.
public static class CopyFloor
{
    public sealed record Result(double EventsPerSecond, double PostgresCpuMsPerEvent);

    private static readonly (string Table, string Rows)[] EventTables =
    [
        ("change_events", "sequence BETWEEN @first AND @last"),
        ("field_changes", "event_sequence BETWEEN @first AND @last"),
        ("entity_versions", "event_sequence BETWEEN @first AND @last"),
        ("entities", "state_event_sequence BETWEEN @first AND @last"),
    ];

    private static readonly (string Table, string Rows)[] StoreTables = [("change_counts", "true"), ("actors", "true")];

    public static async Task<long> HighestSequenceAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(sequence), 0) FROM change_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// The floor for the events first to last.
    public static async Task<Result> MeasureAsync(string connectionString, long first, long last, bool wholeStore = false)
    {
        var tables = wholeStore ? [.. EventTables, .. StoreTables] : EventTables;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Exported to files, not memory: a million events' rows are gigabytes.
        var exported = new List<(string Table, string File)>();
        foreach (var (table, rows) in tables)
        {
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS floor_{table}; CREATE TABLE floor_{table} (LIKE {table} INCLUDING ALL)");
            var select = rows.Replace("@first", first.ToString(), StringComparison.Ordinal).Replace("@last", last.ToString(), StringComparison.Ordinal);
            var file = Path.GetTempFileName();
            await using (var export = await connection.BeginRawBinaryCopyAsync($"COPY (SELECT * FROM {table} WHERE {select}) TO STDOUT (FORMAT BINARY)"))
            await using (var output = File.Create(file))
                await export.CopyToAsync(output);
            exported.Add((table, file));
        }

        var cpu = PostgresCpu.Read();
        var timer = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var (table, file) in exported)
            {
                await using var import = await connection.BeginRawBinaryCopyAsync($"COPY floor_{table} FROM STDIN (FORMAT BINARY)");
                await using var input = File.OpenRead(file);
                await input.CopyToAsync(import);
            }
            await transaction.CommitAsync();
        }
        timer.Stop();
        var postgresCpu = PostgresCpu.Since(cpu);

        foreach (var (table, file) in exported)
        {
            await ExecuteAsync(connection, $"DROP TABLE floor_{table}");
            File.Delete(file);
        }
        var events = last - first + 1;
        return new Result(events / timer.Elapsed.TotalSeconds, postgresCpu.TotalMilliseconds / events);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
