using Npgsql;

namespace HistoryGraph.Bench.Queries;

/// What the load left in the database, and the one thing PostGraphile needs to see the tables
/// as HistoryGraph does: the link from versions to entities (HistoryGraph keeps no foreign keys,
/// so it is declared as a smart comment, which changes nothing for HistoryGraph).
public static class Storage
{
    public sealed record Counts(long Events, long Versions, long FieldChanges, long Entities, long DatabaseBytes);

    public static async Task<Counts> CountsAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        async Task<long> Scalar(string sql)
        {
            await using var command = db.CreateCommand(sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        await using (var vacuum = db.CreateCommand("VACUUM ANALYZE"))
            await vacuum.ExecuteNonQueryAsync();
        return new Counts(
            await Scalar("SELECT count(*) FROM change_events"),
            await Scalar("SELECT count(*) FROM entity_versions"),
            await Scalar("SELECT count(*) FROM field_changes"),
            await Scalar("SELECT count(*) FROM entities"),
            await Scalar("SELECT pg_database_size(current_database())"));
    }

    public static async Task PrepareForPeerAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand("COMMENT ON TABLE entity_versions IS E'@foreignKey (entity_id) references entities (entity_id)'");
        await command.ExecuteNonQueryAsync();
    }
}
