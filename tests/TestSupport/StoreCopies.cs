using System.Globalization;
using Npgsql;

namespace HistoryGraph.TestSupport;

/// Grows a PostgreSQL history store for benchmarks: its events and field changes copied by SQL
/// under new sequences and keys (same content, same entities), optionally moved back in time;
/// the sequence counter follows, so that the server goes on numbering after the copies.
public static class StoreCopies
{
    /// Copies the events up to sequence `upTo` (default: all) `copies` times; returns the
    /// highest sequence before copying.
    public static async Task<long> CopyAsync(string connectionString, int copies, TimeSpan movedBack = default, long? upTo = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var highest = await ScalarAsync(connection, "SELECT coalesce(max(sequence), 0) FROM change_events");
        var last = Math.Min(upTo ?? highest, highest);
        var back = $"interval '{movedBack.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds'";
        var eventColumns = await ColumnsAsync(connection, "change_events");
        var changeColumns = await ColumnsAsync(connection, "field_changes");
        for (var copy = 1; copy <= copies; copy++)
        {
            var shift = copy * highest;
            await ExecuteAsync(connection, $"""
                INSERT INTO change_events ({string.Join(", ", eventColumns.Select(Quoted))})
                SELECT {string.Join(", ", eventColumns.Select(c => c switch
                {
                    "sequence" => $"sequence + {shift}",
                    "event_key" => $"event_key || ':copy{copy}'",
                    "event_id" => "NULL",
                    "timestamp" => $"\"timestamp\" - {back}",
                    _ => Quoted(c),
                }))}
                FROM change_events WHERE sequence <= {last}
                """);
            await ExecuteAsync(connection, $"""
                INSERT INTO field_changes ({string.Join(", ", changeColumns.Select(Quoted))})
                SELECT {string.Join(", ", changeColumns.Select(c => c switch
                {
                    "event_sequence" => $"event_sequence + {shift}",
                    "changed_at" => $"changed_at - {back}",
                    _ => Quoted(c),
                }))}
                FROM field_changes WHERE event_sequence <= {last}
                """);
        }
        await ExecuteAsync(connection, "UPDATE sequence_counter SET value = (SELECT max(sequence) FROM change_events)");
        await ExecuteAsync(connection, "VACUUM ANALYZE change_events");
        await ExecuteAsync(connection, "VACUUM ANALYZE field_changes");
        return highest;
    }

    /// How many events and field changes the store holds, and its highest sequence.
    public static async Task<(long Events, long Changes, long Highest)> CountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return (await ScalarAsync(connection, "SELECT count(*) FROM change_events"), await ScalarAsync(connection, "SELECT count(*) FROM field_changes"),
            await ScalarAsync(connection, "SELECT coalesce(max(sequence), 0) FROM change_events"));
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static string Quoted(string column) => "\"" + column + "\"";

    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            columns.Add(reader.GetString(0));
        return columns;
    }
}
