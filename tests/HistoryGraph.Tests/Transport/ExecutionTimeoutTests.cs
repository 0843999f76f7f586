using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HistoryGraph.TestSupport;
using Npgsql;

namespace HistoryGraph.Tests.Transport;

/// A query that runs too long is stopped, database command included, and answered with a
/// code; so is one running while the server shuts down.
public class ExecutionTimeoutTests
{
    private const string EventsQuery = "{ events(first: 5) { nodes { sequence } } }";

    /// A server whose live feed has read the store once (and then asks nothing more), and a
    /// session holding change_events, so that a query on it waits until cancelled.
    private static async Task<(HistoryGraphServer Server, NpgsqlConnection Blocker, NpgsqlTransaction Lock)> BlockedServerAsync(params string[] settings)
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var server = await HistoryGraphServer.StartAsync([$"ConnectionStrings:History={connectionString}", "Subscriptions:PollIntervalSeconds=3600", .. settings]);
        await PostgresServerFixture.WaitHealthyAsync(server);
        for (var i = 0; i < 100 && JsonDocument.Parse(await server.Client.GetStringAsync("/health")).RootElement.GetProperty("live").GetProperty("feedSequence").GetInt64() < 0; i++)
            await Task.Delay(100);

        var blocker = new NpgsqlConnection(connectionString);
        await blocker.OpenAsync();
        var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE change_events IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            await lockTable.ExecuteNonQueryAsync();
        return (server, blocker, transaction);
    }

    [Fact]
    public async Task a_query_past_the_timeout_is_answered_and_its_database_command_cancelled()
    {
        var (server, blocker, transaction) = await BlockedServerAsync("GraphQL:ExecutionTimeoutSeconds=1");
        await using var _ = server;
        await using var __ = blocker;

        var watch = Stopwatch.StartNew();
        var response = await server.Client.PostAsJsonAsync("/graphql", new { query = EventsQuery });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"answered after {watch.Elapsed}");
        Assert.Equal("EXECUTION_TIMEOUT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        // The server's statement no longer waits for the lock. (The live feed's own read, in
        // sequence order, may wait: it is not this request's.)
        var waiting = "?";
        for (var i = 0; i < 50 && waiting != ""; i++)
        {
            await using var check = new NpgsqlCommand(
                "SELECT coalesce(string_agg(query, ' | '), '') FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%DESC%LIMIT%'", blocker, transaction);
            waiting = (string)(await check.ExecuteScalarAsync())!;
            await Task.Delay(100);
        }
        Assert.True(waiting == "", waiting);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task shutting_down_stops_a_running_query_instead_of_waiting_for_it()
    {
        var (server, blocker, transaction) = await BlockedServerAsync();
        await using var _ = blocker;

        using var client = new HttpClient { BaseAddress = server.Address }; // outlives the server's own
        var query = client.PostAsJsonAsync("/graphql", new { query = EventsQuery });
        await Task.Delay(1000); // the query waits on the lock
        var watch = Stopwatch.StartNew();
        await server.DisposeAsync();
        // ASP.NET Core waits for running requests up to its 30 s shutdown timeout: the query must
        // not make it wait that long.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"shutting down took {watch.Elapsed}");
        var body = await (await query).Content.ReadAsStringAsync();
        Assert.Contains("SERVER_SHUTTING_DOWN", body);
        await transaction.RollbackAsync();
    }
}
