using Npgsql;

namespace HistoryGraph.Bench.Ingest;

/// What the benchmark reads from the server's database besides timings.
public static class StoreFacts
{
    private static readonly string[] StoreTables =
        ["change_events", "field_changes", "entity_versions", "entities", "deletions", "actors", "payload_dictionaries"];

    /// Waits until the server has trained its payload dictionary (it packs events with one in
    /// its steady state; training is a one-off in the background that would otherwise fall
    /// into a timed phase). Returns its packed size over JSON size on its test events, or null
    /// when none came within the timeout (dictionaries switched off).
    public static async Task<double?> WaitForPayloadDictionaryAsync(string connectionString, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await ScalarAsync(connectionString, "SELECT test_packed_bytes::float8 / test_json_bytes FROM payload_dictionaries ORDER BY trained_at DESC LIMIT 1") is double ratio)
                return ratio;
            await Task.Delay(250);
        }
        return null;
    }

    /// Bytes on disk of the store's tables, indexes and TOAST included, per stored event.
    public static async Task<double> BytesPerEventAsync(string connectionString)
    {
        var sizes = string.Join(" + ", StoreTables.Select(t => $"pg_total_relation_size('{t}')"));
        var bytes = Convert.ToDouble(await ScalarAsync(connectionString, $"SELECT {sizes}"));
        var events = Convert.ToDouble(await ScalarAsync(connectionString, "SELECT count(*) FROM change_events"));
        return bytes / events;
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
